//! Indexation clauses: how an offer's prices follow a published index each contract year, and
//! how the factor reaches the invoice (a line, or re-rated prices) (design §2.2).

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::ChargeScope;

/// How the offer's indexation clauses are written in the project file: `None`, `Some(clause)`
/// or the clause alone (every file written before several clauses existed), or a list. A
/// single clause is written back as `Some(..)`, so that such files keep their shape.
pub(super) mod clauses {
    use serde::de::{Deserializer, SeqAccess, Visitor};
    use serde::ser::Serializer;
    use serde::{Deserialize, Serialize};

    use super::Indexation;

    /// Writes the clauses: `None`, `Some(clause)` or a list.
    pub fn serialize<S: Serializer>(clauses: &[Indexation], out: S) -> Result<S::Ok, S::Error> {
        match clauses {
            [] => out.serialize_none(),
            [one] => out.serialize_some(one),
            many => many.serialize(out),
        }
    }

    /// Reads `None`, `Some(clause)` or a list of clauses.
    pub fn deserialize<'de, D: Deserializer<'de>>(input: D) -> Result<Vec<Indexation>, D::Error> {
        struct Clauses;
        impl<'de> Visitor<'de> for Clauses {
            type Value = Vec<Indexation>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("None, Some(Indexation(..)) or a list [Indexation(..), ..]")
            }
            fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
                Ok(Vec::new())
            }
            fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
                Ok(Vec::new())
            }
            fn visit_some<D: Deserializer<'de>>(self, input: D) -> Result<Self::Value, D::Error> {
                Indexation::deserialize(input).map(|one| vec![one])
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<Self::Value, A::Error> {
                // One clause written without `Some` (the files' `implicit_some`).
                let input = serde::de::value::MapAccessDeserializer::new(map);
                Indexation::deserialize(input).map(|one| vec![one])
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut clauses = Vec::new();
                while let Some(clause) = seq.next_element()? {
                    clauses.push(clause);
                }
                Ok(clauses)
            }
        }
        input.deserialize_any(Clauses)
    }
}

/// Annual indexation at each contract anniversary (design §2.2).
///
/// At the start of contract year k ≥ 2 the index ratio is I(anniversary k − lag) /
/// I(anniversary k−1 − lag); its change is clamped to [floor, cap], weighted by the indexed
/// share, and combined with the productivity reduction. Factors chain from year to year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indexation {
    /// The index series used.
    pub index: String,
    /// Months between the index reading and the anniversary (published indices lag).
    #[serde(default)]
    pub lag_months: u32,
    /// The share of the price that is indexed, in percent (e.g. 70 for the labour share).
    pub indexed_share_pct: Decimal,
    /// The smallest yearly index change applied, in percent (e.g. 0).
    #[serde(default)]
    pub floor_pct: Option<Decimal>,
    /// The largest yearly index change applied, in percent (e.g. 4).
    #[serde(default)]
    pub cap_pct: Option<Decimal>,
    /// A yearly productivity reduction in percent (e.g. 2).
    #[serde(default)]
    pub productivity_pct: Decimal,
    /// How productivity combines with the index change.
    #[serde(default)]
    pub productivity: ProductivityCombination,
    /// The charges indexed.
    #[serde(default)]
    pub applies_to: ChargeScope,
    /// How the factor reaches the invoice: an indexation line on the charges, or re-rated
    /// prices.
    #[serde(default)]
    pub method: IndexationMethod,
}

/// How an indexation factor reaches the invoice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum IndexationMethod {
    /// A line of (factor − 1) × the month's indexed charges, added on the charges as billed
    /// (the reading of files written before the choice existed).
    #[default]
    Line,
    /// At each anniversary every price of the indexed charges (fixed fee, unit rates, band
    /// rates and flat fees, ARC/RRC rates) becomes price × the year's factor, kept to the
    /// stated precision, and the month is billed on the new price; each year re-rates the
    /// previous year's price.
    ReRate {
        /// The precision a re-rated price is kept to ("four decimal places, half up").
        precision: super::Precision,
    },
}

/// How a productivity reduction combines with the index change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum ProductivityCombination {
    /// factor = (1 + indexed change) × (1 − productivity).
    #[default]
    Compounded,
    /// factor = 1 + indexed change − productivity.
    Additive,
}
