//! Where a typed address points in an offer: its components listed, and a component's
//! position in its list.

use super::Component;

impl crate::model::Scenario {
    /// Every component of the offer, in the order of operations (the offer itself first), then
    /// its milestones.
    pub fn components(&self) -> Vec<Component> {
        let mut all = vec![Component::Offer];
        all.extend(self.charges.iter().map(|c| Component::Charge(c.id.clone())));
        all.extend(
            self.minimums
                .iter()
                .map(|m| Component::Minimum(m.id.clone())),
        );
        all.extend((0..self.indexation.len()).map(Component::Indexation));
        all.extend(
            self.charge_caps
                .iter()
                .map(|c| Component::ChargeCap(c.id.clone())),
        );
        let service_levels = self.service_levels.iter();
        all.extend(service_levels.map(|s| Component::ServiceLevel(s.id.clone())));
        all.push(Component::CreditRegime);
        all.extend(self.bonuses.iter().map(|b| Component::Bonus(b.id.clone())));
        all.extend((0..self.triggers.len()).map(Component::Trigger));
        all.extend(
            self.milestones
                .iter()
                .map(|m| Component::Milestone(m.id.clone())),
        );
        all
    }

    /// The position of `component` in its list (charges, service levels, indexation clauses,
    /// …); `Some(0)` for the single ones (the offer, the credit regime). `None` when the offer
    /// has no such component. The first one wins if an id is used twice (validation reports
    /// that).
    pub fn position(&self, component: &Component) -> Option<usize> {
        fn find<T>(items: &[T], id: &str, id_of: impl Fn(&T) -> &str) -> Option<usize> {
            items.iter().position(|item| id_of(item) == id)
        }
        match component {
            Component::Offer | Component::CreditRegime => Some(0),
            Component::Indexation(i) => (*i < self.indexation.len()).then_some(*i),
            Component::Charge(id) => find(&self.charges, id, |c| &c.id),
            Component::Minimum(id) => find(&self.minimums, id, |m| &m.id),
            Component::ChargeCap(id) => find(&self.charge_caps, id, |c| &c.id),
            Component::ServiceLevel(id) => find(&self.service_levels, id, |s| &s.id),
            Component::Bonus(id) => find(&self.bonuses, id, |b| &b.id),
            Component::Trigger(i) => (*i < self.triggers.len()).then_some(*i),
            Component::Milestone(id) => find(&self.milestones, id, |m| &m.id),
        }
    }

    /// Whether the offer has `component`.
    pub fn has(&self, component: &Component) -> bool {
        self.position(component).is_some()
    }
}
