//! How long the risk simulation takes on the full engine (the reference path): trials of the
//! contact-centre sample's first offer, every mechanic applied as `eval` applies it.
#![allow(
    clippy::unwrap_used,
    reason = "test and bench set-up fails loudly with the value"
)]

use std::sync::atomic::AtomicBool;

use criterion::{Criterion, criterion_group, criterion_main};
use dealbench::engine::risk::{Control, Simulation};
use dealbench::model::RiskSettings;

fn trials(c: &mut Criterion) {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/samples/contact_centre.ron");
    let project = dealbench::io::project::load(std::path::Path::new(path)).expect("the sample");
    let settings = RiskSettings {
        trials: 200,
        seed: 0,
        block_months: 1,
    };
    let simulation =
        Simulation::new(&project, &project.scenarios[0], settings).expect("a simulation");
    let stop = AtomicBool::new(false);
    let mut group = c.benchmark_group("risk");
    group.sample_size(10);
    group.bench_function("contact_centre_200_trials", |b| {
        b.iter(|| {
            let control = Control {
                threads: None,
                stop: &stop,
            };
            simulation.run(&control, &mut ()).expect("a report")
        })
    });
    group.finish();
}

criterion_group!(benches, trials);
criterion_main!(benches);
