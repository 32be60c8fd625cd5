//! Offer-file streaming against a floor in the same run: `floor/ignored_any` walks the
//! same JSON with serde_json and builds nothing (the least any serde reader can do);
//! `offer/read` is the sync's reader with the EC2 mapping (products built one at a time,
//! the kept SKUs' terms read). Input: a generated EC2-shaped offer file (see
//! scripts/gen-offer.py for the large on-disk one the throughput script uses).

use std::hint::black_box;
use std::io::Cursor;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use planwright_prices::collect::OfferCollector;
use planwright_prices::offer::{self, Pass};
use planwright_prices::services;

fn offer_json(products: usize) -> String {
    let mut s = String::from(
        "{\"formatVersion\":\"v1.0\",\"offerCode\":\"AmazonEC2\",\"version\":\"1\",\"publicationDate\":\"2026-12-01T00:00:00Z\",\"products\":{",
    );
    for i in 0..products {
        let os = if i % 20 == 0 { "Linux" } else { "Windows" };
        s += &format!(
            "{}\"S{i}\":{{\"sku\":\"S{i}\",\"productFamily\":\"Compute Instance\",\"attributes\":{{\"instanceType\":\"x{i}.large\",\"operatingSystem\":\"{os}\",\"tenancy\":\"Shared\",\"preInstalledSw\":\"NA\",\"capacitystatus\":\"Used\",\"licenseModel\":\"No License required\",\"usagetype\":\"BoxUsage:x{i}.large\",\"vcpu\":\"2\",\"memory\":\"8 GiB\",\"location\":\"US East (N. Virginia)\",\"regionCode\":\"us-east-1\",\"servicecode\":\"AmazonEC2\"}}}}",
            if i == 0 { "" } else { "," }
        );
    }
    s += "},\"terms\":{\"OnDemand\":{";
    for i in 0..products {
        s += &format!(
            "{}\"S{i}\":{{\"S{i}.JRTCKXETXF\":{{\"offerTermCode\":\"JRTCKXETXF\",\"sku\":\"S{i}\",\"priceDimensions\":{{\"S{i}.JRTCKXETXF.6YS6EN2CT7\":{{\"unit\":\"Hrs\",\"beginRange\":\"0\",\"endRange\":\"Inf\",\"description\":\"x\",\"pricePerUnit\":{{\"USD\":\"0.0416000000\"}}}}}},\"termAttributes\":{{}}}}}}",
            if i == 0 { "" } else { "," }
        );
    }
    s += "}}}";
    s
}

fn bench(c: &mut Criterion) {
    let text = offer_json(20_000);
    let mut g = c.benchmark_group("offer");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.sample_size(20);
    g.bench_function("floor/ignored_any", |b| {
        b.iter(|| {
            let v: serde::de::IgnoredAny =
                serde_json::from_reader(Cursor::new(text.as_bytes())).unwrap();
            black_box(v)
        })
    });
    let ec2 = services::service("AmazonEC2").unwrap();
    g.bench_function("offer/read", |b| {
        b.iter(|| {
            let mut c = OfferCollector::new(ec2, "us-east-1", Box::new(|_| {}));
            offer::read(Cursor::new(text.as_bytes()), Pass::Both, &mut c).unwrap();
            black_box(c.out.groups.len())
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
