#!/usr/bin/env python3
"""TEC's analysis served the way TEC serves it: a Flask app whose GET decodes the project's
eight JSON documents and runs TEC's detection function (loaded at run time from
../shared/reference/tec-detector, never copied into seam). Baseline for bench/server-bench.

Usage: /usr/bin/python3 bench/tec_flask.py DETECTOR_DIR PROJECT_DIR PORT
"""
import json
import logging
import os
import sys

from flask import Flask, jsonify

detector_dir, project_dir, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
sys.path.insert(0, detector_dir)
from mismatch_detection import project_mismatches_and_missing_fields  # noqa: E402

NAMES = ["system_context", "raw_data", "data_pipeline", "training_data", "trained_model",
         "development_environment", "production_environment", "production_data"]
# TEC keeps each descriptor as JSON text in its database and decodes it per request; holding
# the texts in memory leaves out the database, which favours the baseline.
TEXTS = {n: open(os.path.join(project_dir, n + ".json"), encoding="utf-8").read() for n in NAMES}

app = Flask(__name__)
logging.getLogger("werkzeug").setLevel(logging.ERROR)


@app.get("/findings")
def findings():
    project = {n: json.loads(t) for n, t in TEXTS.items()}
    return jsonify(project_mismatches_and_missing_fields(project))


if __name__ == "__main__":
    app.run(host="127.0.0.1", port=port, threaded=True)
