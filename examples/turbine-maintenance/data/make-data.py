#!/usr/bin/env python3
"""Writes the example's small data files, deterministically (standard library only).

training.csv:    3,000 ten-minute SCADA aggregates like those the model was trained on.
operational.csv: 2,000 rows from production after part of the fleet changed gear oil: the
                 oil runs about 6 degrees warmer, a new turbine type appears, and failures
                 are more frequent. Everything else keeps its distribution.
Run: python3 make-data.py   (in this folder)
"""
import csv
import random


def rows(n, seed, drifted):
    rng = random.Random(seed)
    types = ["V112", "V117", "N131"] + (["SG145"] if drifted else [])
    weights = [5, 3, 2] + ([2] if drifted else [])
    for _ in range(n):
        wind = max(0.0, rng.gauss(8.5, 3.0))
        power = min(3450.0, max(0.0, 3450.0 * (wind / 13.0) ** 3 + rng.gauss(0, 60)))
        oil = rng.gauss(57.9 + (6.0 if drifted else 0.0), 4.0) + power / 1000.0
        bearing = oil + rng.gauss(6.0, 2.0)
        vibration = abs(rng.gauss(2.1, 0.6))
        failure = rng.random() < (0.03 if drifted else 0.02)
        yield {
            "turbine_type": rng.choices(types, weights)[0],
            "wind_speed": f"{wind:.2f}",
            "power_kw": f"{power:.1f}",
            "oil_temp": f"{oil:.2f}",
            "bearing_temp": f"{bearing:.2f}",
            "vibration_rms": f"{vibration:.3f}",
            "curtailed": "true" if rng.random() < 0.07 else "false",
            "gearbox_failure_14d": "1" if failure else "0",
        }


for name, n, seed, drifted in [("training.csv", 3000, 7, False), ("operational.csv", 2000, 8, True)]:
    with open(name, "w", newline="") as f:
        data = list(rows(n, seed, drifted))
        w = csv.DictWriter(f, fieldnames=list(data[0]))
        w.writeheader()
        w.writerows(data)
