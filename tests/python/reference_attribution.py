"""Independent reference implementations of the data-driven attribution models.

Plain Python + numpy, written from the product spec
(shared/spec/attribution-semantics.md, section Models) and not from the SQL:
the pytest suite checks the dbt models against these functions.

A journey is (channels, conversions, non_conversions[, conversion_value]):
the channels of its touches, oldest first, and its weights.

Markov (order k): consecutive repeats of a channel collapse; the state after
a touch is the tuple of the last k channels of the collapsed path (fewer at the
start); every journey runs (start) -> states -> (conversion) with weight
`conversions` and -> (null) with weight `non_conversions`. Absorption
probabilities are solved as the linear system (I - Q) x = r. Removing channel c
sends every transition into a state that contains c to (null).

Shapley: v(S) = conversions / (conversions + non_conversions) of the journeys
whose set of channels is exactly S (0 if none); for a converting coalition T,
phi(c) = sum over S in T minus c of |S|!(|T|-|S|-1)!/|T|! (v(S+c) - v(S)),
negatives set to 0, normalized to 1 (equal split if all 0). Paths with more
than `max_channels` distinct channels keep their max_channels - 1 most frequent
channels (frequency = weight of the journeys containing the channel, ties by
name) and fold the rest, and 'other' itself, into 'other'.
"""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence

import numpy as np

START = "(start)"
CONVERSION = "(conversion)"
NULL = "(null)"
OTHER = "other"


# --------------------------------------------------------------------------- Markov


def collapse_repeats(items: Sequence) -> list:
    out: list = []
    for item in items:
        if not out or out[-1] != item:
            out.append(item)
    return out


def markov_states(channels: Sequence[str], order: int) -> list[tuple[str, ...]]:
    """The state after each touch is its last `order` channels; consecutive repeats of a state collapse."""
    states = [tuple(channels[max(0, i - order + 1) : i + 1]) for i in range(len(channels))]
    return collapse_repeats(states)


def transition_counts(journeys: Iterable[tuple], order: int) -> dict[tuple, dict[tuple, float]]:
    counts: dict = defaultdict(lambda: defaultdict(float))
    for journey in journeys:
        channels, conversions, non_conversions = journey[0], float(journey[1]), float(journey[2])
        states = markov_states(channels, order)
        if not states:
            continue
        weight = conversions + non_conversions
        previous = START
        for state in states:
            counts[previous][state] += weight
            previous = state
        counts[previous][CONVERSION] += conversions
        counts[previous][NULL] += non_conversions
    return counts


def conversion_probability(counts: dict, removed: str | None = None) -> float:
    """P(reach (conversion) from (start)), solving (I - Q) x = r exactly."""
    transient = [s for s in counts if s == START or removed is None or removed not in s]
    index = {s: i for i, s in enumerate(transient)}
    n = len(transient)
    q = np.zeros((n, n))
    r = np.zeros(n)
    for source in transient:
        outgoing = counts[source]
        total = sum(outgoing.values())
        if total <= 0:
            continue
        for target, weight in outgoing.items():
            p = weight / total
            if target == CONVERSION:
                r[index[source]] += p
            elif target == NULL:
                continue
            elif removed is not None and removed in target:
                continue  # redirected to (null)
            else:
                q[index[source], index[target]] += p
    x = np.linalg.solve(np.eye(n) - q, r)
    return float(x[index[START]])


def markov_removal_effects(journeys: Sequence[tuple], order: int) -> tuple[float, dict[str, float]]:
    """(P(conversion), {channel: removal effect}) at the given order."""
    journeys = list(journeys)
    counts = transition_counts(journeys, order)
    channels = sorted({c for j in journeys for c in j[0]})
    if not counts:
        return 0.0, {c: 0.0 for c in channels}
    base = conversion_probability(counts)
    effects = {}
    for channel in channels:
        removed = conversion_probability(counts, channel)
        effects[channel] = min(1.0, max(0.0, 1.0 - removed / base)) if base > 0 else 0.0
    return base, effects


def markov_channel_totals(journeys: Sequence[tuple], effects: dict[str, float]) -> dict[str, tuple[float, float]]:
    """{channel: (attributed conversions, attributed value)}: totals * RE / sum RE."""
    total_conversions = sum(float(j[1]) for j in journeys)
    total_value = sum(float(j[3]) if len(j) > 3 else 0.0 for j in journeys)
    total_effect = sum(effects.values())
    return {
        c: ((total_conversions * e / total_effect, total_value * e / total_effect) if total_effect > 0 else (0.0, 0.0))
        for c, e in effects.items()
    }


def markov_credits(path: Sequence[str], effects: dict[str, float]) -> list[float]:
    """Per-touch credits: the touch's channel weight (its factor; formerly its RE) normalized over the path (linear if all 0)."""
    values = [effects.get(c, 0.0) for c in path]
    total = sum(values)
    if total > 0:
        return [v / total for v in values]
    return [1.0 / len(path)] * len(path)


def markov_allocation_targets(journeys: Sequence[tuple], effects: dict[str, float]) -> dict[str, float]:
    """The removal-effect convention: total conversions * RE(c) / sum RE, per channel."""
    return {c: v[0] for c, v in markov_channel_totals(journeys, effects).items()}


def markov_allocation_is_feasible(journeys: Sequence[tuple], effects: dict[str, float]) -> bool:
    """Whether per-touch credits of the form b(c) / sum of b over the path, with every b > 0,
    can give every channel exactly its target. By the strict Hall-type conditions on channel
    sets S (checked by enumeration, for the small hand-made sets): the conversions of journeys
    made only of channels in S < target(S) < the conversions of journeys touching S, for every
    non-empty proper subset S of the channels with a target, and equality for the whole set."""
    targets = {c: t for c, t in markov_allocation_targets(journeys, effects).items() if t > 0}
    converting = [(set(j[0]), float(j[1])) for j in journeys if float(j[1]) > 0]
    channels = sorted(targets)
    if any(not (channel_set <= set(channels)) for channel_set, _ in converting):
        return False
    total = sum(w for _, w in converting)
    if not math.isclose(sum(targets.values()), total, rel_tol=1e-12):
        return False
    for size in range(1, len(channels)):
        for subset in itertools.combinations(channels, size):
            s = set(subset)
            inside = sum(w for cs, w in converting if cs <= s)
            touching = sum(w for cs, w in converting if cs & s)
            target = sum(targets[c] for c in s)
            if not inside < target < touching:
                return False
    return True


def markov_allocation(
    journeys: Sequence[tuple], effects: dict[str, float], tol: float = 1e-12, max_steps: int = 200
) -> dict[str, dict[str, float]]:
    """Per-touch Markov allocation, found by Newton's method (not the SQL's iteration).

    A touch's credit is b(c) / sum of b over its path's touches; b is chosen so that each
    channel's credits over the converting journeys add up to its target (the removal-effect
    convention). With beta = log b this is the minimum of the convex
    F(beta) = sum_j w_j log(sum_c n_jc e^beta_c) - sum_c target_c beta_c.

    Where no exact allocation exists, the documented limit: a channel that only converts alone
    keeps exactly its solo conversions; a channel whose solo conversions (journeys of that
    channel only) reach kappa x its target gets factor 0 and keeps exactly those; the other
    channels ("free") share the journeys they touch with targets scaled by the common kappa =
    (conversions of the journeys touching a free channel) / (sum of their targets), the zero
    set and kappa being found together. Channels with a zero removal effect get b = 0; a
    journey whose channels all have b = 0 is split linearly.
    Returns {'factor': {c: b / max b}, 'allocated': {c: credits}, 'target': {c: target}}.
    """
    targets = markov_allocation_targets(journeys, effects)
    converting = []
    for journey in journeys:
        if float(journey[1]) > 0:
            counts: dict[str, int] = defaultdict(int)
            for channel in journey[0]:
                counts[channel] += 1
            converting.append((dict(counts), float(journey[1])))
    channels = sorted({c for counts, _ in converting for c in counts})
    positive = [c for c in channels if targets.get(c, 0.0) > 0]
    solo = {c: sum(w for counts, w in converting if set(counts) == {c}) for c in channels}
    solo_only = {c for c in positive if all(set(counts) == {c} for counts, _ in converting if c in counts)}
    zeroed: set = set()
    while True:
        free = [c for c in positive if c not in solo_only and c not in zeroed]
        mass = sum(w for counts, w in converting if any(c in free for c in counts))
        free_target_total = sum(targets[c] for c in free)
        kappa = mass / free_target_total if free_target_total > 0 else 0.0
        newly = {c for c in free if solo[c] >= kappa * targets[c] * (1 - 1e-12)}
        if not newly:
            break
        zeroed |= newly
    scaled = {c: targets[c] * kappa for c in free}
    free_journeys = [(counts, w) for counts, w in converting if any(c in free for c in counts)]

    beta = np.zeros(len(free))
    index = {c: i for i, c in enumerate(free)}
    n = np.zeros((len(free_journeys), len(free)))
    w = np.array([wt for _, wt in free_journeys], dtype=float)
    for row, (counts, _) in enumerate(free_journeys):
        for c, k in counts.items():
            if c in index:
                n[row, index[c]] = k
    t = np.array([scaled[c] for c in free], dtype=float)

    def objective(b: np.ndarray) -> float:
        return float(w @ np.log(n @ np.exp(b)) - t @ b)

    for _ in range(max_steps):
        e = np.exp(beta - beta.max(initial=0.0))
        q = n * e / (n @ e)[:, None]  # each journey's shares per free channel
        gradient = w @ q - t
        if np.max(np.abs(gradient), initial=0.0) < tol * max(1.0, float(w.sum())):
            break
        hessian = np.diag(w @ q) - np.einsum("j,jc,jd->cd", w, q, q)
        hessian += 1.0 / max(len(free), 1) + np.eye(len(free)) * 1e-12  # F is flat along all-ones
        step = np.linalg.solve(hessian, -gradient)
        size, f0 = 1.0, objective(beta)
        while objective(beta + size * step) > f0 + 1e-4 * size * float(gradient @ step) and size > 1e-12:
            size /= 2
        beta = beta + size * step
    else:
        raise AssertionError("reference allocation: Newton did not converge")

    factor = {c: 0.0 for c in channels}
    if free:
        top = beta.max()
        factor.update({c: float(math.exp(beta[index[c]] - top)) for c in free})
    allocated = {c: 0.0 for c in channels}
    for counts, weight in converting:
        if any(c in free for c in counts):
            total = sum(k * factor[c] for c, k in counts.items())
            shares = {c: k * factor[c] / total for c, k in counts.items()}
        else:  # solo, zeroed or zero-effect channels only
            active = {c: k for c, k in counts.items() if targets.get(c, 0.0) > 0} or counts
            shares = {c: active.get(c, 0) / sum(active.values()) for c in counts}
        for c, share in shares.items():
            allocated[c] += weight * share
    return {"factor": factor, "allocated": allocated, "target": {c: targets.get(c, 0.0) for c in channels}}


# --------------------------------------------------------------------------- Shapley


def channel_frequencies(journeys: Sequence[tuple]) -> dict[str, float]:
    freq: dict[str, float] = defaultdict(float)
    for journey in journeys:
        for channel in set(journey[0]):
            freq[channel] += float(journey[1]) + float(journey[2])
    return freq


def fold_channels(channels: Iterable[str], freq: dict[str, float], max_channels: int) -> frozenset[str]:
    distinct = set(channels)
    if len(distinct) <= max_channels:
        return frozenset(distinct)
    ranked = sorted((c for c in distinct if c != OTHER), key=lambda c: (-freq.get(c, 0.0), c))
    return frozenset(ranked[: max_channels - 1]) | {OTHER}


def coalition_values(journeys: Sequence[tuple], max_channels: int = 12) -> dict[frozenset, dict[str, float]]:
    """{coalition: {'conversions', 'non_conversions', 'value', 'rate'}} over folded channel sets."""
    freq = channel_frequencies(journeys)
    sets: dict = defaultdict(lambda: {"conversions": 0.0, "non_conversions": 0.0, "value": 0.0})
    for journey in journeys:
        key = fold_channels(journey[0], freq, max_channels)
        sets[key]["conversions"] += float(journey[1])
        sets[key]["non_conversions"] += float(journey[2])
        sets[key]["value"] += float(journey[3]) if len(journey) > 3 else 0.0
    for stats in sets.values():
        total = stats["conversions"] + stats["non_conversions"]
        stats["rate"] = stats["conversions"] / total if total > 0 else 0.0
    return dict(sets)


def shapley_shares(coalition: frozenset, rates: dict[frozenset, float]) -> tuple[dict[str, float], dict[str, float]]:
    """(raw Shapley values, normalized shares) of the channels of one coalition."""
    members = sorted(coalition)
    t = len(members)
    raw = {}
    for channel in members:
        others = [m for m in members if m != channel]
        total = 0.0
        for size in range(len(others) + 1):
            weight = math.factorial(size) * math.factorial(t - size - 1) / math.factorial(t)
            for subset in itertools.combinations(others, size):
                s = frozenset(subset)
                total += weight * (rates.get(s | {channel}, 0.0) - rates.get(s, 0.0))
        raw[channel] = total
    clipped = {c: max(v, 0.0) for c, v in raw.items()}
    norm = sum(clipped.values())
    shares = {c: (v / norm if norm > 0 else 1.0 / t) for c, v in clipped.items()}
    return raw, shares


def shapley_model(journeys: Sequence[tuple], max_channels: int = 12):
    """(coalition stats, {coalition: shares}, {channel: (conversions, value)}) for converting coalitions."""
    sets = coalition_values(journeys, max_channels)
    rates = {k: v["rate"] for k, v in sets.items()}
    shares = {k: shapley_shares(k, rates)[1] for k, v in sets.items() if v["conversions"] > 0}
    totals: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
    for coalition, channel_shares in shares.items():
        for channel, share in channel_shares.items():
            totals[channel][0] += sets[coalition]["conversions"] * share
            totals[channel][1] += sets[coalition]["value"] * share
    return sets, shares, {c: tuple(v) for c, v in totals.items()}


def shapley_credits(
    path: Sequence[str], shares: dict[frozenset, dict[str, float]], freq: dict[str, float], max_channels: int = 12
) -> list[float]:
    """Per-touch credits: the folded channel's share, split equally over its touches in the path."""
    coalition = fold_channels(path, freq, max_channels)
    folded = [c if c in coalition else OTHER for c in path]
    channel_shares = shares.get(coalition) or {c: 1.0 / len(coalition) for c in coalition}
    touches = defaultdict(int)
    for c in folded:
        touches[c] += 1
    return [channel_shares[c] / touches[c] for c in folded]


# --------------------------------------------------------------------------- path transforms


def path_transform_kept(channels: Sequence[str], transform: str) -> list[bool]:
    """Which touches of a path (channels oldest first) the rule-based models see.

    none: every touch; exposure: the first touch of each run of consecutive
    touches of one channel; unique: each channel's first touch.
    """
    if transform == "none":
        return [True] * len(channels)
    if transform == "exposure":
        return [i == 0 or channels[i - 1] != channel for i, channel in enumerate(channels)]
    if transform == "unique":
        seen: set = set()
        kept = []
        for channel in channels:
            kept.append(channel not in seen)
            seen.add(channel)
        return kept
    raise ValueError(f"unknown path transform {transform!r}")


# --------------------------------------------------------------------------- comparison


def total_variation_distance(p: dict[str, float], q: dict[str, float]) -> float:
    """0.5 * sum |p - q| over the union of keys, after normalizing both to sum 1."""
    sp, sq = sum(p.values()), sum(q.values())
    keys = set(p) | set(q)
    return 0.5 * sum(abs(p.get(k, 0.0) / sp - q.get(k, 0.0) / sq) for k in keys)
