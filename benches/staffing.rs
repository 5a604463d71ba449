//! How long staffing takes: a year of 30-minute intervals (365 × 48 = 17,520) of a mid-sized
//! contact centre whose calls follow the day (quiet nights, morning and afternoon peaks of about
//! 400 calls, 53 Erlangs) and the week (weekends at half), each staffed by Erlang C to 80 % in
//! 20 s at most 85 % occupied with 30 % shrinkage. The issue asks for well under 50 ms.
#![allow(
    clippy::unwrap_used,
    reason = "test and bench set-up fails loudly with the value"
)]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use dealbench::engine::staffing::{StaffingInput, staff};
use rust_decimal::Decimal;

/// The calls of every half hour of a year: a two-peak day scaled down at weekends.
fn year_of_intervals() -> Vec<StaffingInput> {
    (0..365 * 48)
        .map(|i: u32| {
            let (day, slot) = (i / 48, i % 48);
            let hour = f64::from(slot) / 2.0;
            let peak = |centre: f64| (-((hour - centre) / 2.5).powi(2)).exp();
            let weekday = if day % 7 >= 5 { 0.5 } else { 1.0 };
            let calls = (5.0 + 400.0 * weekday * (peak(10.5) + 0.8 * peak(15.0))).round();
            StaffingInput {
                calls: Decimal::from(calls as u32),
                interval_s: Decimal::from(1800),
                aht_s: Decimal::from(240),
                target_pct: Decimal::from(80),
                within_s: Decimal::from(20),
                max_occupancy_pct: Decimal::from(85),
                shrinkage_pct: Decimal::from(30),
            }
        })
        .collect()
}

fn staffing(c: &mut Criterion) {
    let year = year_of_intervals();
    c.bench_function("staffing a year of 30-minute intervals (17,520)", |b| {
        b.iter(|| {
            let scheduled: u64 = year
                .iter()
                .map(|interval| staff(black_box(interval)).unwrap().scheduled_agents)
                .sum();
            black_box(scheduled)
        });
    });
}

criterion_group!(benches, staffing);
criterion_main!(benches);
