#!/usr/bin/env python3
"""Converts the Open Budget Survey 2017 with the 2019 converter (same files, same methodology).

    python3 examples/indices/obs-2017/convert.py [EXTERNAL_DIR]
"""

import importlib.util
from pathlib import Path

HERE = Path(__file__).resolve().parent
CONVERTER = HERE.parent / "obs-2019" / "convert.py"

if __name__ == "__main__":
    loader = importlib.util.spec_from_file_location("obs_convert", CONVERTER)
    module = importlib.util.module_from_spec(loader)
    loader.loader.exec_module(module)
    module.main(year=2017, out=HERE)
