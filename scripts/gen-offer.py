#!/usr/bin/env python3
"""Writes a large synthetic AWS Price List tree for benchmarking `planwright prices sync`:
one AmazonEC2 offer file for us-east-1 of about SIZE_MB megabytes in the official format,
shaped like the real one (every product with an on-demand term and six reserved leases;
about one product in twenty a plain Linux shared instance the sync keeps, the rest the
Windows / dedicated / capacity-reservation variants it skips). Prices are made up.
    python3 scripts/gen-offer.py OUT_DIR SIZE_MB
"""
import json, os, sys

out, size_mb = sys.argv[1], float(sys.argv[2])
target = int(size_mb * 1024 * 1024)
version = "20261201000000"
base = os.path.join(out, "offers/v1.0/aws")
path = "/offers/v1.0/aws/AmazonEC2/%s/us-east-1/index.json" % version
os.makedirs(os.path.join(base, "AmazonEC2/current"), exist_ok=True)
os.makedirs(os.path.dirname(os.path.join(out, path.lstrip("/"))), exist_ok=True)
with open(os.path.join(base, "index.json"), "w") as f:
    json.dump({"formatVersion": "v1.0", "disclaimer": "synthetic", "publicationDate": "2026-12-01T00:00:00Z",
               "offers": {"AmazonEC2": {"offerCode": "AmazonEC2", "currentRegionIndexUrl": "/offers/v1.0/aws/AmazonEC2/current/region_index.json"}}}, f)
with open(os.path.join(base, "AmazonEC2/current/region_index.json"), "w") as f:
    json.dump({"formatVersion": "v1.0", "disclaimer": "synthetic", "publicationDate": "2026-12-01T00:00:00Z",
               "regions": {"us-east-1": {"regionCode": "us-east-1", "currentVersionUrl": path}}}, f)

VARIANTS = [dict(operatingSystem="Linux", tenancy="Shared", preInstalledSw="NA", capacitystatus="Used", licenseModel="No License required")] + [
    dict(operatingSystem=os_, tenancy=t, preInstalledSw=sw, capacitystatus=c, licenseModel="No License required")
    for os_ in ("Windows", "RHEL", "SUSE", "Linux") for t in ("Shared", "Dedicated") for sw in ("NA", "SQL Std")
    for c in ("Used", "UnusedCapacityReservation")][:19]

def product(i):
    ty = "x%d.size%d" % (i // 400, i % 400 // 20)
    v = VARIANTS[i % 20]
    sku = "SKU%013d" % i
    box = "BoxUsage" if v["tenancy"] == "Shared" and v["capacitystatus"] == "Used" else "DedicatedUsage"
    attrs = dict(servicecode="AmazonEC2", location="US East (N. Virginia)", locationType="AWS Region", instanceType=ty,
                 currentGeneration="Yes", instanceFamily="General purpose", vcpu=str(2 + i % 7), memory="%d GiB" % (4 + i % 13),
                 storage="EBS only", networkPerformance="Up to 10 Gigabit", processorArchitecture="64-bit",
                 usagetype="%s:%s" % (box, ty), operation="RunInstances", marketoption="OnDemand", regionCode="us-east-1",
                 servicename="Amazon Elastic Compute Cloud", **v)
    return sku, {"sku": sku, "productFamily": "Compute Instance", "attributes": attrs}

def dims(sku, code, parts):
    d = {}
    for j, (unit, price) in enumerate(parts):
        rc = "%s.%s.%s" % (sku, code, "6YS6EN2CT7" if j == 0 else "2TG2D8R56U")
        d[rc] = {"rateCode": rc, "description": "synthetic", "beginRange": "0", "endRange": "Inf", "unit": unit,
                 "pricePerUnit": {"USD": price}, "appliesTo": []}
    return d

def terms(sku, i, kind):
    p = "%.10f" % (0.01 + (i % 997) / 1000.0)
    if kind == "od":
        return {"%s.JRTCKXETXF" % sku: {"offerTermCode": "JRTCKXETXF", "sku": sku, "effectiveDate": "2026-12-01T00:00:00Z",
                "priceDimensions": dims(sku, "JRTCKXETXF", [("Hrs", p)]), "termAttributes": {}}}
    out = {}
    for code, length, option in [("4NA7Y494T4", "1yr", "No Upfront"), ("HU7G6KETJZ", "1yr", "Partial Upfront"), ("6QCMYABX3D", "1yr", "All Upfront"),
                                 ("BPH4J8HBKS", "3yr", "No Upfront"), ("38NPMPTW36", "3yr", "Partial Upfront"), ("NQ3QZPMQV9", "3yr", "All Upfront")]:
        parts = [("Hrs", p)] if option == "No Upfront" else [("Hrs", p), ("Quantity", "123")]
        out["%s.%s" % (sku, code)] = {"offerTermCode": code, "sku": sku, "effectiveDate": "2026-12-01T00:00:00Z",
            "priceDimensions": dims(sku, code, parts), "termAttributes": {"LeaseContractLength": length, "OfferingClass": "standard", "PurchaseOption": option}}
    return out

# Estimate the products needed from one product's share of the file.
one = len(json.dumps(product(0)[1])) + len(json.dumps(terms("S" * 16, 0, "od"))) + len(json.dumps(terms("S" * 16, 0, "ri"))) + 60
n = max(20, target // one)
with open(os.path.join(out, path.lstrip("/")), "w") as f:
    f.write('{\n  "formatVersion" : "v1.0",\n  "disclaimer" : "synthetic",\n  "offerCode" : "AmazonEC2",\n  "version" : "%s",\n  "publicationDate" : "2026-12-01T00:00:00Z",\n  "products" : {\n' % version)
    for i in range(n):
        sku, p = product(i)
        f.write('%s    "%s" : %s' % ("" if i == 0 else ",\n", sku, json.dumps(p)))
    f.write('\n  },\n  "terms" : {\n    "OnDemand" : {\n')
    for i in range(n):
        sku = "SKU%013d" % i
        f.write('%s      "%s" : %s' % ("" if i == 0 else ",\n", sku, json.dumps(terms(sku, i, "od"))))
    f.write('\n    },\n    "Reserved" : {\n')
    for i in range(n):
        sku = "SKU%013d" % i
        f.write('%s      "%s" : %s' % ("" if i == 0 else ",\n", sku, json.dumps(terms(sku, i, "ri"))))
    f.write('\n    }\n  }\n}\n')
print(os.path.join(out, path.lstrip("/")), n)
