"""Optimum of a PhuSong coverage instance by HiGHS (highspy): the peer for the optimiser's tests.

usage: highs_mclp.py INSTANCE.json [SECONDS]  → prints {"objective": …, "bound": …, "status": …} as JSON
Same model as PhuSong's: x_j binary (fixed ones = 1), y_i in [0, 1], y_i <= sum of covering x_j,
sum of new x_j <= p, sum cost_j x_j <= budget (fixed included), at most the group's capacity (default 1) per
group, x_a + x_b <= 1 per exclusion pair, sum w_i y_i >= share * sum w_i over each minimum coverage's demands;
maximise sum w_i y_i. The backhaul rule by another formulation than PhuSong's flow: each chosen candidate needing a
link picks a chosen parent among its links (a_jk <= x_k, sum_k a_jk >= x_j), and levels (Miller-Tucker-Zemlin,
l_j >= l_k + 1 - n (1 - a_jk) where k needs a link too) forbid cycles, so every parent chain ends at a site with
backhaul of its own.
"""
import json
import sys

import highspy
import numpy as np

instance = json.load(open(sys.argv[1]))
demands, candidates = instance["demands"], instance["candidates"]
h = highspy.Highs()
h.setOptionValue("output_flag", False)
h.setOptionValue("mip_rel_gap", 0.0)
if len(sys.argv) > 2:
    h.setOptionValue("time_limit", float(sys.argv[2]))
inf = highspy.kHighsInf
x = []
for c in candidates:
    fixed = c.get("fixed", c.get("kind") == "existing")
    x.append(h.addVariable(lb=1 if fixed else 0, ub=1, type=highspy.HighsVarType.kInteger))
y = [h.addVariable(lb=0, ub=1, obj=w) for w in demands]
coverers = [[] for _ in demands]
for j, c in enumerate(candidates):
    for i in set(c["covers"]):
        coverers[i].append(j)
for i, js in enumerate(coverers):
    h.addConstr(y[i] - sum(x[j] for j in js) <= 0) if js else h.addConstr(y[i] <= 0)
new = [j for j, c in enumerate(candidates) if not c.get("fixed", c.get("kind") == "existing")]
if instance.get("p") is not None:
    h.addConstr(sum(x[j] for j in new) <= instance["p"])
if instance.get("budget") is not None:
    h.addConstr(sum(c["cost"] * x[j] for j, c in enumerate(candidates)) <= instance["budget"])
groups = {}
for j, c in enumerate(candidates):
    if c.get("group") is not None:
        groups.setdefault(c["group"], []).append(j)
capacity = instance.get("group_capacity", {})
for group, js in groups.items():
    if len(js) > capacity.get(group, 1):
        h.addConstr(sum(x[j] for j in js) <= capacity.get(group, 1))
ids = {c["id"]: j for j, c in enumerate(candidates)}
for a, b in instance.get("exclusions", []):
    h.addConstr(x[ids[a]] + x[ids[b]] <= 1)
for minimum in instance.get("minimum_coverage", []):
    members = minimum["demands"]
    h.addConstr(sum(demands[i] * y[i] for i in members) >= minimum["share"] * sum(demands[i] for i in members))
backhaul = instance.get("backhaul")
if backhaul:
    needing = {ids[name] for name in backhaul["needing_link"]}
    neighbours = {j: set() for j in needing}
    for a, b in backhaul["links"]:
        for one, other in ((ids[a], ids[b]), (ids[b], ids[a])):
            if one in needing:
                neighbours[one].add(other)
    level = {j: h.addVariable(lb=0, ub=len(needing)) for j in needing}
    for j in needing:
        parents = {k: h.addVariable(lb=0, ub=1, type=highspy.HighsVarType.kInteger) for k in neighbours[j]}
        h.addConstr(sum(parents.values(), 0 * x[j]) - x[j] >= 0)
        for k, arc in parents.items():
            h.addConstr(arc - x[k] <= 0)
            if k in needing:
                h.addConstr(level[j] - level[k] - (len(needing) + 1) * arc >= -len(needing))
h.changeObjectiveSense(highspy.ObjSense.kMaximize)
h.run()
info = h.getInfo()
print(json.dumps({"objective": info.objective_function_value, "bound": info.mip_dual_bound,
                  "status": h.modelStatusToString(h.getModelStatus())}))
