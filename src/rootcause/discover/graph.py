"""Community detection on a locally scaled k-nearest-neighbour graph of the contacts.

Each contact's neighbour similarities are rescaled by its own local density (as UMAP does),
so a tight intent and a loose one both form well-knit communities; Leiden (or Louvain, when
``leidenalg`` is not installed) then finds the communities without being told how many there are.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp


def knn(X: np.ndarray, n_neighbors: int, *, block: int = 2048) -> tuple[np.ndarray, np.ndarray]:
    """Exact cosine k nearest neighbours (self excluded): (indices, similarities), each (n, k)."""
    n = len(X)
    k = min(n_neighbors, n - 1)
    idx = np.empty((n, k), dtype=np.int64)
    sim = np.empty((n, k), dtype=np.float32)
    for start in range(0, n, block):
        s = X[start : start + block] @ X.T
        rows = np.arange(len(s))
        s[rows, start + rows] = -np.inf
        part = np.argpartition(-s, k - 1, axis=1)[:, :k]
        ps = np.take_along_axis(s, part, 1)
        # sort by similarity, ties by index: the graph must not depend on argpartition's order
        order = np.lexsort((part, -ps), axis=1)
        idx[start : start + block] = np.take_along_axis(part, order, 1)
        sim[start : start + block] = np.take_along_axis(ps, order, 1)
    return idx, sim


def fuzzy_graph(idx: np.ndarray, sim: np.ndarray) -> sp.csr_matrix:
    """Symmetric weighted graph: w = exp(-(d - d_nearest) / sigma_i), fuzzy union of both directions.

    ``sigma_i`` is set per contact so that its weights sum to log2(k), as in UMAP.
    """
    n, k = idx.shape
    d = 1.0 - sim.astype(np.float64)
    rho = d[:, :1]
    target = np.log2(max(k, 2))
    lo = np.full(n, 1e-6)
    hi = np.full(n, 10.0)
    for _ in range(50):
        mid = (lo + hi) / 2
        total = np.exp(-(d - rho) / mid[:, None]).sum(axis=1)
        too_big = total > target
        hi = np.where(too_big, mid, hi)
        lo = np.where(too_big, lo, mid)
    w = np.exp(-(d - rho) / ((lo + hi) / 2)[:, None])
    a = sp.csr_matrix((w.ravel(), (np.repeat(np.arange(n), k), idx.ravel())), shape=(n, n))
    return (a + a.T - a.multiply(a.T)).tocsr()


def louvain(graph: sp.csr_matrix | object, *, resolution: float, seed: int) -> np.ndarray:
    """Louvain communities (networkx), labelled 0..c-1 in order of their smallest member.

    ``graph``: a sparse adjacency matrix or an already built networkx graph.
    """
    import networkx as nx

    g = nx.from_scipy_sparse_array(graph) if sp.issparse(graph) else graph
    comms = nx.community.louvain_communities(g, weight="weight", resolution=resolution, seed=seed)
    labels = np.empty(g.number_of_nodes(), dtype=np.int64)
    for c, members in enumerate(sorted(comms, key=min)):
        labels[list(members)] = c
    return labels


# Up to this many contacts the graph's settings were chosen (Banking77, CLINC150, DSTC11 test
# sets: 900 to 4,500 contacts); above it they follow `default_resolution` / `default_neighbors`.
TUNED_SIZE = 4500


def default_resolution(n: int) -> float:
    """Modularity resolution for ``n`` contacts.

    Modularity cannot see communities smaller than about sqrt(total edge weight)/resolution
    (its resolution limit), and the edge weight grows with n: scaling the resolution with
    sqrt(n) keeps the smallest visible driver at a similar size from 300 to `TUNED_SIZE`
    contacts. The constant 7.25 was set on Banking77, CLINC150 and DSTC11 (MiniLM): 8 merged
    CLINC150's closest intents, 7 made Banking77 less stable between seeds. With partial
    codes the same constant holds: the coded contacts are pinned to their code's driver
    (`consensus_communities`' ``fixed``), so a finer resolution no longer splits known reasons
    and it separates new reasons from the known ones they sit next to (Banking77, codes for
    10 % of 75 % of the intents, mean of three code draws: NMI 0.8735 with 7.25, 0.8722 with 8).

    Above `TUNED_SIZE` the resolution stays put (and `default_neighbors` grows instead):
    growing it further split every reason into ever smaller drivers as exports grew
    (`bench/discovery_scale.py`: Banking77 train+test, 13,083 contacts, 287 drivers for 77 intents).
    """
    return float(max(1.0, np.sqrt(min(n, TUNED_SIZE)) / 7.25))


def default_neighbors(n: int, base: int) -> int:
    """Neighbours per contact in the graph of ``n`` contacts: ``base`` up to `TUNED_SIZE`,
    then growing as sqrt(n).

    With a fixed number of neighbours, a bigger export samples each reason more densely, so
    a contact's neighbours cover a smaller part of its reason and the graph falls apart
    into pieces of one reason. `bench/discovery_scale.py` (MiniLM, seed 0), NMI and drivers of this
    rule against the fixed 15 neighbours and sqrt(n) resolution used before: Banking77
    13,083 contacts 0.814 / 194 drivers vs 0.793 / 287 (77 intents); CLINC150 22,500
    contacts 0.900 / 178 vs 0.873 / 305 (150 intents).
    """
    return base if n <= TUNED_SIZE else int(round(base * np.sqrt(n / TUNED_SIZE)))


def leiden(
    graph: sp.csr_matrix,
    *,
    resolution: float,
    seed: int,
    weights: np.ndarray | None = None,
    fixed: np.ndarray | None = None,
    built: tuple[object, np.ndarray] | None = None,
) -> np.ndarray:
    """Leiden communities (leidenalg, RB-configuration quality), labelled 0..c-1 in order of
    their smallest member. ``weights`` replaces the edge weights of ``triu(graph)``.

    ``fixed``: a group id per node, -1 for free nodes. Nodes of one group start in one
    community and never leave it, and different groups never share one; free nodes start as
    singletons and move as usual. ``built``: `igraph_of(graph)`, when the caller runs
    Leiden several times on one graph (building it is most of a run's Python work).
    """
    import leidenalg

    g, data = built if built is not None else igraph_of(graph)
    w = data if weights is None else weights
    if fixed is None:
        part = leidenalg.find_partition(
            g,
            leidenalg.RBConfigurationVertexPartition,
            weights=w.tolist(),
            resolution_parameter=resolution,
            seed=int(seed),
            n_iterations=2,
        )
    else:
        pinned = np.asarray(fixed) >= 0
        start = np.where(pinned, fixed, 0)
        start[~pinned] = int(np.max(fixed, initial=-1)) + 1 + np.arange(int((~pinned).sum()))
        part = leidenalg.RBConfigurationVertexPartition(
            g, weights=w.tolist(), resolution_parameter=resolution, initial_membership=start.tolist()
        )
        optimiser = leidenalg.Optimiser()
        optimiser.set_rng_seed(int(seed))
        optimiser.optimise_partition(part, n_iterations=2, is_membership_fixed=pinned.tolist())
    return _canonical(np.asarray(part.membership, dtype=np.int64))


def igraph_of(graph: sp.csr_matrix) -> tuple[object, np.ndarray]:
    """The igraph Graph of ``triu(graph)``'s edges, and their weights."""
    import igraph as ig

    upper = sp.triu(graph, k=1).tocoo()
    return ig.Graph(n=graph.shape[0], edges=np.column_stack([upper.row, upper.col])), upper.data


def has_leiden() -> bool:
    """Whether the optional ``igraph`` + ``leidenalg`` backend can be imported."""
    try:
        import igraph  # noqa: F401
        import leidenalg  # noqa: F401
    except ImportError:
        return False
    return True


def _canonical(labels: np.ndarray) -> np.ndarray:
    first: dict[int, int] = {}
    for i, lab in enumerate(labels.tolist()):
        first.setdefault(lab, len(first))
    return np.array([first[lab] for lab in labels.tolist()], dtype=np.int64)


def consensus_communities(
    graph: sp.csr_matrix,
    *,
    resolution: float,
    seed: int,
    n_runs: int = 16,
    backend: str = "auto",
    fixed: np.ndarray | None = None,
) -> np.ndarray:
    """Consensus communities: edges are re-weighted by how often ``n_runs`` seeded runs keep
    their two ends together, then the algorithm runs once more on that graph.

    A single run depends on its node order and seed (ARI ~0.89 between seeds on Banking77);
    the consensus graph keeps only the splits most runs agree on. ``backend``: "leiden"
    (igraph + leidenalg, faster and guarantees connected drivers), "louvain" (networkx), or
    "auto" (Leiden when installed). ``fixed``: a group id per node (-1 = free) whose groups
    every Leiden run keeps together and apart (see `leiden`); Louvain ignores it.
    """
    if backend == "auto":
        backend = "leiden" if has_leiden() else "louvain"
    rng = np.random.default_rng(seed)
    seeds = rng.integers(0, 2**31 - 1, size=n_runs + 1)
    upper = sp.triu(graph, k=1).tocoo()
    together = np.zeros(upper.nnz)
    if backend == "leiden":
        built = igraph_of(graph)  # once for every run: the edges do not change, only weights
        for run_seed in seeds[:-1]:
            lab = leiden(graph, resolution=resolution, seed=int(run_seed), fixed=fixed, built=built)
            together += lab[upper.row] == lab[upper.col]
        w = upper.data * (0.05 + 0.95 * together / max(n_runs, 1)) if n_runs else upper.data
        return leiden(graph, resolution=resolution, seed=int(seeds[-1]), weights=w, fixed=fixed, built=built)
    import networkx as nx

    g = nx.from_scipy_sparse_array(graph)
    for run_seed in seeds[:-1]:
        lab = louvain(g, resolution=resolution, seed=int(run_seed))
        together += lab[upper.row] == lab[upper.col]
    w = upper.data * (0.05 + 0.95 * together / max(n_runs, 1)) if n_runs else upper.data
    upper_w = sp.csr_matrix((w, (upper.row, upper.col)), shape=graph.shape)
    return louvain(upper_w + upper_w.T, resolution=resolution, seed=int(seeds[-1]))
