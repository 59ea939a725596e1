"""Peer for PhuSong's ITM cross-check test.

Reads point-to-point cases in the NTIA reference format (p2p.csv columns, pfls.csv in PFL form) and
prints `row,A__db` computed by the itmlogic package (a Python port of ITM 1.2.2), driven with
time/location/situation percentages and the system height taken over the middle 80 % of the profile.
Usage: itmlogic_p2p.py CASES.csv PROFILES.csv
"""
import csv
import inspect
import math
import sys

from itmlogic.misc.qerfi import qerfi
from itmlogic.preparatory_subroutines import qlrpfl as qlrpfl_module
from itmlogic.preparatory_subroutines.qlrps import qlrps
from itmlogic.statistics.avar import avar

# itmlogic 1.2 reads the receiver's ground as pfl[np+1] (the second-to-last profile point) when fitting
# effective heights on line-of-sight paths: an off-by-one from porting Hufford's 1-based Fortran
# (`pfl(np+3)`, the last point), which NTIA ITM 1.4 also uses. Correct that one index, nothing else.
_OFF_BY_ONE = "prop['pfl'][np+1] - zb"
_source = inspect.getsource(qlrpfl_module)
if _OFF_BY_ONE in _source:
    exec(compile(_source.replace(_OFF_BY_ONE, "prop['pfl'][np+2] - zb"), qlrpfl_module.__file__, "exec"), qlrpfl_module.__dict__)
qlrpfl = qlrpfl_module.qlrpfl


def basic_transmission_loss(case, pfl):
    intervals = int(pfl[0])
    p10 = int(0.1 * intervals)
    middle = pfl[2 + p10 : 2 + intervals - p10 + 1]
    system_height = sum(middle) / len(middle)
    frequency = case["f__mhz"]
    polarization = int(case["pol"])
    prop = {
        "fmhz": frequency,
        "hg": [case["h_tx__meter"], case["h_rx__meter"]],
        "ipol": polarization,
        "eps": case["epsilon"],
        "sgm": case["sigma"],
        "klim": int(case["climate"]),
        "ens0": case["N_0"],
        "pfl": pfl,
        "kwx": 0,
        "lvar": 5,
        "gma": 157e-9,
        "klimx": 0,
        "mdvarx": int(case["mdvar"]),
    }
    prop["wn"], prop["gme"], prop["ens"], prop["zgnd"] = qlrps(
        frequency, system_height, case["N_0"], polarization, case["epsilon"], case["sigma"]
    )
    prop = qlrpfl(prop)
    free_space = 8.685890 * math.log(2 * prop["wn"] * prop["dist"])
    z_time, z_location, z_situation = qerfi(
        [case["time"] / 100, case["location"] / 100, case["situation"] / 100]
    )
    attenuation, prop = avar(z_time, z_location, z_situation, prop)
    return free_space + attenuation


def main(cases_path, profiles_path):
    with open(cases_path) as cases_file:
        cases = [{key: float(value) for key, value in row.items()} for row in csv.DictReader(cases_file)]
    with open(profiles_path) as profiles_file:
        profiles = [[float(field) for field in line.split(",") if field.strip()] for line in profiles_file if line.strip()]
    for pfl in profiles:
        pfl[0] = int(pfl[0])  # itmlogic indexes the profile with it
    print("row,A__db")
    for number, (case, pfl) in enumerate(zip(cases, profiles), start=1):
        print(f"{number},{basic_transmission_loss(case, pfl):.4f}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
