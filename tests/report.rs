//! The client report (`dealbench report`), read as its readers read it: the figures are the
//! ledgers', hostile names show as text, and every sample's report opens in a real browser
//! (headless Chromium, installed by `scripts/install-test-tools.sh`) with no console error, no
//! network request and a first page that is not blank.
#![allow(
    clippy::unwrap_used,
    reason = "test and bench set-up fails loudly with the value"
)]

use std::path::{Path, PathBuf};
use std::process::Command;

use dealbench::engine::evaluate_all;
use dealbench::format::format_money;

const SAMPLES: [&str; 3] = [
    "samples/contact_centre.ron",
    "samples/it_outsourcing.ron",
    "samples/cloud_service.ron",
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn report(project: &Path, out: &Path, extra: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_dealbench"))
        .current_dir(root())
        .arg("report")
        .arg(project)
        .arg("-o")
        .arg(out)
        .args(extra)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    std::fs::read_to_string(out).unwrap()
}

#[test]
fn every_samples_report_carries_the_ledgers_figures_and_nothing_external() {
    let dir = tempfile::tempdir().unwrap();
    for sample in SAMPLES {
        let html = report(Path::new(sample), &dir.path().join("report.html"), &[]);
        let project = dealbench::io::project::load(&root().join(sample)).unwrap();
        let d = project.rounding.decimals;
        for ledger in evaluate_all(&project) {
            // The net over the term, as the app's status bar and the comparison show it.
            let net = format_money(ledger.totals.net, d);
            assert!(html.contains(&format!(">{net}<")), "{sample}: {net}");
            assert!(html.contains(&format!("Invoice per month of {}", ledger.scenario)));
        }
        assert!(html.starts_with("<!DOCTYPE html>"));
        assert!(html.contains("@page { size: A4;"));
        // Self-contained: no script, no external style, image or font.
        for needle in ["<script", "<link", "src=", "url(", "@import"] {
            assert!(!html.contains(needle), "{sample} has {needle}");
        }
        let external = html.matches("http").count();
        let namespaces = html.matches("xmlns=\"http://www.w3.org/2000/svg\"").count();
        assert_eq!(
            external, namespaces,
            "{sample}: only SVG namespaces name a URL"
        );
    }
}

#[test]
fn hostile_names_show_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(root().join("tests/fixtures/small.ron")).unwrap();
    let text = text
        .replace(r#"name: "Offer A""#, r#"name: "<script>alert(1)</script>""#)
        .replace(
            r#"name: "Offer B""#,
            r#"name: "\"><img src=x onerror=alert(1)>""#,
        );
    let file = dir.path().join("hostile.ron");
    std::fs::write(&file, text).unwrap();
    let html = report(&file, &dir.path().join("r.html"), &["--paper", "letter"]);
    assert!(!html.contains("<script"), "a script tag got through");
    assert!(!html.contains("<img"), "an img tag got through");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"));
    assert!(html.contains("@page { size: letter;"));
}

#[test]
fn an_unknown_offer_is_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r.html");
    let output = Command::new(env!("CARGO_BIN_EXE_dealbench"))
        .current_dir(root())
        .args(["report", "tests/fixtures/small.ron", "-s", "Offer Z", "-o"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(err.contains("Offer Z"), "{err}");
    assert!(!out.exists());
}

/// Chromium, installed by the project's script when it is missing.
fn chromium() -> PathBuf {
    let found = || {
        ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
            .into_iter()
            .map(PathBuf::from)
            .find(|p| p.is_file())
    };
    if found().is_none() {
        install_test_tools();
    }
    found().expect("chromium installed by scripts/install-test-tools.sh")
}

/// Runs the project's script that installs Chromium and poppler-utils.
fn install_test_tools() {
    let status = Command::new(root().join("scripts/install-test-tools.sh"))
        .status()
        .unwrap();
    assert!(status.success(), "scripts/install-test-tools.sh failed");
}

/// Loads `page` in headless Chromium, with every network request sent nowhere; returns what
/// it logged and the screenshot's pixels (RGBA).
fn open_in_chromium(page: &Path, shot: &Path) -> (String, Vec<u8>) {
    let profile = tempfile::tempdir().unwrap();
    let output = Command::new(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--enable-logging=stderr",
            "--v=0",
            // A request would fail, and be logged: the page must make none.
            "--proxy-server=127.0.0.1:9",
            "--window-size=900,1200",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--screenshot={}", shot.display()))
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap();
    let log = String::from_utf8_lossy(&output.stderr).into_owned();
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(shot).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
    reader.next_frame(&mut pixels).unwrap();
    (log, pixels)
}

/// Console messages and failed requests in Chromium's log.
fn problems(log: &str) -> Vec<&str> {
    log.lines()
        .filter(|l| l.contains("CONSOLE") || l.contains("net::ERR") || l.contains("Uncaught"))
        .collect()
}

/// How many distinct colours a screenshot has: a blank page has one.
fn colours(pixels: &[u8]) -> usize {
    let mut seen: Vec<&[u8]> = pixels.chunks(4).collect();
    seen.sort_unstable();
    seen.dedup();
    seen.len()
}

#[test]
fn every_samples_report_opens_in_headless_chromium_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    // The check itself: a page that does make a request and logs an error is caught.
    let bad = dir.path().join("bad.html");
    std::fs::write(
        &bad,
        r#"<html><body><img src="http://example.com/x.png"><script>console.error("boom")</script></body></html>"#,
    )
    .unwrap();
    let (log, _) = open_in_chromium(&bad, &dir.path().join("bad.png"));
    assert!(
        !problems(&log).is_empty(),
        "the log check sees nothing:\n{log}"
    );

    for sample in SAMPLES {
        let page = dir.path().join("report.html");
        report(Path::new(sample), &page, &[]);
        let (log, pixels) = open_in_chromium(&page, &dir.path().join("report.png"));
        assert_eq!(problems(&log), Vec::<&str>::new(), "{sample}");
        assert!(
            colours(&pixels) > 50,
            "{sample}: the first page looks blank"
        );
    }
}

/// `tool` from poppler-utils, installed by the project's script when missing.
fn poppler(tool: &str) -> Command {
    let path = PathBuf::from("/usr/bin").join(tool);
    if !path.is_file() {
        install_test_tools();
    }
    Command::new(path)
}

#[test]
fn the_pdf_report_has_its_pages_and_text() {
    chromium();
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("report.pdf");
    let output = Command::new(env!("CARGO_BIN_EXE_dealbench"))
        .current_dir(root())
        .args(["report", "samples/contact_centre.ron", "-o"])
        .arg(&pdf)
        .env("DEALBENCH_BROWSER", chromium())
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let info = poppler("pdfinfo").arg(&pdf).output().unwrap();
    let info = String::from_utf8_lossy(&info.stdout).into_owned();
    let pages: usize = (info.lines())
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    // The comparison, then each of the three offers on pages of its own (structure, charts,
    // service levels), then the assumptions.
    assert!((7..=16).contains(&pages), "{pages} pages");
    let text = poppler("pdftotext").arg(&pdf).arg("-").output().unwrap();
    let text = String::from_utf8_lossy(&text.stdout).into_owned();
    let project = dealbench::io::project::load(&root().join("samples/contact_centre.ron")).unwrap();
    for ledger in evaluate_all(&project) {
        assert!(text.contains(&ledger.scenario), "{}", ledger.scenario);
        assert!(text.contains(&format_money(ledger.totals.net, 2)));
    }
    for heading in [
        "Offers compared",
        "Structure, in the order the invoice is built",
        "Assumptions",
    ] {
        assert!(text.contains(heading), "{heading}");
    }
}

#[test]
fn a_pdf_without_a_browser_is_refused_with_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("report.pdf");
    let output = Command::new(env!("CARGO_BIN_EXE_dealbench"))
        .current_dir(root())
        .args(["report", "tests/fixtures/small.ron", "-o"])
        .arg(&pdf)
        .env("DEALBENCH_BROWSER", dir.path().join("no-such-browser"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(
        err.contains("a PDF is printed by Chromium or Chrome, and neither was found"),
        "{err}"
    );
    assert!(!pdf.exists());
}

#[test]
fn the_risk_section_shows_the_simulations_figures() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(root().join("samples/contact_centre.ron")).unwrap();
    let text = text.replacen(
        "format_version: 1,",
        "format_version: 1,\n    risk: (trials: 300, seed: 11, block_months: 2),",
        1,
    );
    let file = dir.path().join("deal.ron");
    std::fs::write(&file, text).unwrap();
    let offer = "Offer B – All-units";
    let html = report(&file, &dir.path().join("r.html"), &["--risk", "-s", offer]);
    let json = Command::new(env!("CARGO_BIN_EXE_dealbench"))
        .args(["risk"])
        .arg(&file)
        .args(["-s", offer, "--format", "json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(json["trials"], 300);
    assert!(html.contains("Risk: what the term will likely cost"));
    assert!(html.contains("300 simulated futures (seed 11)"));
    assert!(html.contains("drawn in blocks of 2 months"));
    assert!(html.contains("Fan of monthly net of Offer B – All-units"));
    let money = |key: &str| {
        let value: rust_decimal::Decimal =
            json["term"]["net"][key].as_str().unwrap().parse().unwrap();
        format_money(value, 2)
    };
    // The term row: credits mean, P50, P90, then net P5, P50, P90, as `risk` computes them.
    let term = html.split("<tr><th>Term</th>").nth(1).unwrap();
    let term = term.split("</tr>").next().unwrap();
    for key in ["p5", "p50", "p90"] {
        assert!(term.contains(&money(key)), "net {key} in {term}");
    }
    let adjusted: rust_decimal::Decimal = json["risk_adjusted_fee"]["adjusted"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(html.contains(&format!("<b>{}</b>", format_money(adjusted, 2))));
}

#[test]
fn the_report_explains_the_terms_its_offers_use_from_the_one_glossary() {
    let dir = tempfile::tempdir().unwrap();
    let html = report(
        Path::new("samples/it_outsourcing.ron"),
        &dir.path().join("report.html"),
        &[],
    );
    let section = &html[html
        .find("<h2>Terms used</h2>")
        .expect("a glossary section")..];
    let entry = |term: &str| {
        let e = dealbench::model::glossary::lookup(term).unwrap();
        format!(
            "<dt>{}</dt><dd>{}</dd>",
            dealbench::io::report::escape(e.term),
            dealbench::io::report::escape(e.meaning)
        )
    };
    // The sample's offers have ARC/RRC, service levels, a milestone and a net; no bonus.
    for term in ["ARC/RRC", "Service level", "Milestone", "Net"] {
        assert!(section.contains(&entry(term)), "{term}");
    }
    assert!(!section.contains("<dt>Bonus</dt>"));
}
