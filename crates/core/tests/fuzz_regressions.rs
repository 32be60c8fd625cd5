//! Replays the fuzz corpus and every saved crash (`fuzz/corpus/<target>/`,
//! `fuzz/artifacts/<target>/`) through the same checks the fuzz targets run, on stable Rust,
//! so a fixed crash stays fixed. Fuzzing itself: `bash scripts/fuzz.sh` (nightly, cargo-fuzz).

use std::fs;
use std::path::Path;

use arbitrary::{Arbitrary, Unstructured};
use planwright_core::fuzzing::{
    check_design_bytes, check_generated, check_pack_bytes, check_share_bytes, GenDesign,
};

fn replay(target: &str, check: &dyn Fn(&[u8])) -> usize {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz");
    let mut n = 0;
    for dir in ["corpus", "artifacts"] {
        let Ok(entries) = fs::read_dir(root.join(dir).join(target)) else {
            continue;
        };
        for entry in entries.flatten() {
            let data = fs::read(entry.path()).unwrap();
            check(&data);
            n += 1;
        }
    }
    n
}

#[test]
fn design_bytes_corpus_and_crashes() {
    let n = replay("parse_design", &check_design_bytes);
    println!("parse_design: {n} inputs replayed");
}

#[test]
fn generated_design_corpus_and_crashes() {
    let n = replay("evaluate_generated", &|data| {
        if let Ok(d) = GenDesign::arbitrary_take_rest(Unstructured::new(data)) {
            check_generated(&d);
        }
    });
    println!("evaluate_generated: {n} inputs replayed");
}

#[test]
fn policy_pack_corpus_and_crashes() {
    let n = replay("policy_pack", &check_pack_bytes);
    println!("policy_pack: {n} inputs replayed");
}

#[test]
fn share_link_corpus_and_crashes() {
    let n = replay("share_link", &check_share_bytes);
    // Links that are damaged in every way a copy-paste can damage them.
    let good =
        planwright_core::share::encode(include_str!("../../../www/examples/shop-web-app.yaml"));
    for cut in [1, 2, 3, 10, good.len() / 2] {
        check_share_bytes(good.get(..good.len() - cut).unwrap().as_bytes());
    }
    check_share_bytes(good.replace('A', "%41").as_bytes());
    check_share_bytes(format!("{good}==").as_bytes());
    println!("share_link: {n} inputs replayed");
}

#[test]
fn generated_designs_from_pseudo_random_bytes() {
    // A deterministic burst of the structured generator, so the check runs even without a corpus.
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    for _ in 0..300 {
        let bytes: Vec<u8> = (0..512)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                (state >> 24) as u8
            })
            .collect();
        if let Ok(d) = GenDesign::arbitrary_take_rest(Unstructured::new(&bytes)) {
            check_generated(&d);
        }
    }
}

#[test]
fn terraform_corpus_and_crashes() {
    let n = replay(
        "terraform_import",
        &planwright_core::fuzzing::check_terraform_bytes,
    );
    assert!(
        n > 0,
        "the terraform_import corpus is seeded from the fixtures"
    );
    println!("terraform_import: {n} inputs replayed");
}

#[test]
fn archive_corpus_and_damaged_archives() {
    let n = replay(
        "terraform_archive",
        &planwright_core::fuzzing::check_archive_bytes,
    );
    assert!(n > 0, "the terraform_archive corpus is seeded");
    // Every cut and every flipped byte of a seed: refused or read, never a panic.
    let seed = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../fuzz/corpus/terraform_archive/deflated.zip"
    ))
    .unwrap();
    for cut in 0..seed.len() {
        planwright_core::fuzzing::check_archive_bytes(&seed[..cut]);
        let mut flipped = seed.clone();
        flipped[cut] ^= 0xff;
        planwright_core::fuzzing::check_archive_bytes(&flipped);
    }
    println!("terraform_archive: {n} inputs replayed");
}
