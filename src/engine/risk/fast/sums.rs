//! The service levels nothing remembers, summed ahead: a level with no repeat rule, no
//! earn-back and no service points, read by no bonus and watched by no trigger, whose window reads at most one
//! simulated month, credits in a month exactly what its class earns (due on every miss). Their
//! credits and binding caps in a month depend on one draw at most, so they are summed per
//! month and per drawn pool month before any trial: a trial reads one entry per month for all
//! of them, whatever their number (the bench workload is all such levels).

use super::levels::Level;

/// The most (month, pool month) sums kept, 32 bytes each.
const MAX_SUMS: usize = 1_000_000;

/// What the memoryless levels credit in one month.
pub(super) struct MonthSums {
    /// The credits of the levels whose window reads no simulated month.
    pub constant: i128,
    /// The caps those levels' own caps bind.
    pub constant_caps: u128,
    /// For each simulated month read (by index in the plan's simulated months): the offset in
    /// [`Memoryless::entries`] of its H entries, one per pool month drawn for it.
    pub groups: Vec<(u32, u32)>,
}

/// The memoryless levels' sums, and which levels the kernel must still measure one by one.
pub(super) struct Memoryless {
    /// Per month of the term.
    pub months: Vec<MonthSums>,
    /// Per group and pool month: the credits and the caps bound.
    pub entries: Vec<(i128, u128)>,
    /// The levels that keep or share state, in offer order: measured month by month.
    pub stateful: Vec<usize>,
}

/// Splits `levels` into the memoryless ones, summed per month and draw over a pool of `pool`
/// months, and the others; `read[l]` says whether a bonus or a trigger reads level l.
pub(super) fn split(levels: &[Level], read: &[bool], months: usize, pool: usize) -> Memoryless {
    // A sum per month and pool month: kept only while that stays small (a century's term over
    // a century's pool would not), else every level is measured one by one.
    let small = months.saturating_mul(pool) <= MAX_SUMS;
    let memoryless: Vec<bool> = (levels.iter().zip(read))
        .map(|(level, read)| {
            small
                && !read
                && level.repeat.is_none()
                && level.earn_back.is_none()
                && level.points.is_none()
                && level.cells.iter().all(|c| c.len <= 1)
        })
        .collect();
    let mut out = Memoryless {
        months: Vec::with_capacity(months),
        entries: Vec::new(),
        stateful: (0..levels.len()).filter(|&l| !memoryless[l]).collect(),
    };
    for i in 0..months {
        let mut sums = MonthSums {
            constant: 0,
            constant_caps: 0,
            groups: Vec::new(),
        };
        for (level, _) in levels.iter().zip(&memoryless).filter(|(_, m)| **m) {
            let cell = level.cells[i];
            let n = level.info.len();
            let table = cell.table as usize;
            let earned = |class: usize| {
                let at = i * n + class;
                let caps = if level.binds[at] { level.cap_mask } else { 0 };
                (level.credit[at], caps)
            };
            if cell.len == 0 {
                let (credit, caps) = earned(level.classes[table] as usize);
                sums.constant += credit;
                sums.constant_caps |= caps;
                continue;
            }
            let slot = level.slots[cell.from as usize];
            let offset = match sums.groups.iter().find(|(s, _)| *s == slot) {
                Some(&(_, offset)) => offset as usize,
                None => {
                    let offset = out.entries.len();
                    out.entries.resize(offset + pool, (0, 0));
                    sums.groups.push((slot, offset as u32));
                    offset
                }
            };
            for h in 0..pool {
                let (credit, caps) = earned(level.classes[table + h] as usize);
                let entry = &mut out.entries[offset + h];
                entry.0 += credit;
                entry.1 |= caps;
            }
        }
        out.months.push(sums);
    }
    out
}
