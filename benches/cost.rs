//! How long the provider's cost takes: the contact-centre sample's cost model (three call
//! classes, about 45,000 calls a month, Monday to Saturday 08:00–20:00 in 30-minute intervals,
//! staffed by Erlang C to an average speed of answer) over a year, and over its 36-month term
//! with the offer's ledger and margin. Intervals of one weekday weight repeat all month, so a
//! month is a few hundred distinct staffings, cached.
#![allow(
    clippy::unwrap_used,
    reason = "test and bench set-up fails loudly with the value"
)]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use dealbench::engine::cost::{cost, delivery};

fn cost_bench(c: &mut Criterion) {
    let mut year = dealbench::io::project::default_project();
    year.term_months = 12;
    let model = year.scenarios[0].cost_model.clone().unwrap();
    let answer = model.answer_for(&year.scenarios[0]);
    c.bench_function("cost of delivery, a year of 30-minute intervals", |b| {
        b.iter(|| delivery(black_box(&year), &model, answer).unwrap());
    });
    let term = dealbench::io::project::default_project();
    c.bench_function("cost and margin of an offer over a 36-month term", |b| {
        b.iter(|| cost(black_box(&term), &term.scenarios[0]).unwrap());
    });
}

criterion_group!(benches, cost_bench);
criterion_main!(benches);
