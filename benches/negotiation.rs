//! How long the negotiation analyses take on the largest sample (`samples/contact_centre.ron`):
//! a tornado over every numeric term of its offer with the most terms, and a 20 × 20 grid of
//! two of its terms. The app computes both on a worker thread; these figures say how long the
//! user waits for them after an edit.
#![allow(
    clippy::unwrap_used,
    reason = "test and bench set-up fails loudly with the value"
)]

use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use dealbench::engine::grid::{Axis, Measure, grid};
use dealbench::engine::sensitivity::{Moves, sensitivity};
use dealbench::model::Project;
use dealbench::model::terms::numeric_terms;
use rust_decimal::Decimal;

fn largest_sample() -> Project {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let largest = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .max_by_key(|p| std::fs::metadata(p).unwrap().len())
        .unwrap();
    dealbench::io::project::load(&largest).unwrap()
}

fn negotiation(c: &mut Criterion) {
    let project = largest_sample();
    let offer = (project.scenarios.iter())
        .max_by_key(|s| numeric_terms(&project, s).len())
        .unwrap();
    let terms = numeric_terms(&project, offer);
    let mut group = c.benchmark_group("negotiation");
    group.sample_size(10);
    group.bench_function(format!("tornado of {} terms", terms.len()), |b| {
        b.iter(|| sensitivity(&project, offer, &Moves::default()));
    });
    // Two terms that hold money: ±50 % around their values, 20 values each.
    let mut moving = terms.iter().filter(|t| !t.value.is_zero() && !t.whole);
    let axis = |t: &dealbench::model::terms::NumericTerm| Axis {
        path: t.path.clone(),
        from: t.value / Decimal::TWO,
        to: t.value * Decimal::new(15, 1),
        steps: 20,
    };
    let (x, y) = (axis(moving.next().unwrap()), axis(moving.next().unwrap()));
    group.bench_function("grid 20 × 20", |b| {
        b.iter(|| grid(&project, offer, &x, &y, Measure::Net).unwrap());
    });
    group.finish();
}

criterion_group!(benches, negotiation);
criterion_main!(benches);
