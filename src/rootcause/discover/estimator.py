"""`DriverDiscovery`: the estimator the pipeline fits on contact embeddings."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from rootcause.discover import graph, partial, refine
from rootcause.embed.views import joined
from rootcause.errors import BackendUnavailableError, BadInputError, ConfigError, check_is_fitted
from rootcause.settings import FIT_SAMPLE

# Softmax temperature over cosine similarities for `confidence_`: 0.05 turns a 0.1 cosine
# margin between the two nearest drivers into ~88 % confidence.
_TEMPERATURE = 0.05
# Fitted contacts per k-means prototype of a driver (`driver_prototypes`).
PROTOTYPE_SIZE = 20
# A group (language) counts in a driver's balanced centroid from this many members on.
MIN_GROUP_MEMBERS = 3


class DriverDiscovery:
    """Discover contact drivers in L2-normalised embeddings, number of drivers not given.

    Parameters
    ----------
    seed : int
        Random seed; the same input and seed give identical drivers.
    min_driver_size : int or None
        Smallest driver kept; smaller groups are dissolved into their nearest driver or left
        unassigned. None: ``max(3, n // 1000)``.
    max_fit_samples : int
        Above this many rows, fit on a seeded random sample and assign the rest by `predict`
        (default `rootcause.settings.FIT_SAMPLE`, 20,000; `rootcause analyze` fits larger
        exports on a stratified sample of that size before anything is embedded, so the
        estimator's own sample only serves direct callers with bigger matrices).
    unassigned_quantile : float or None
        Share of fitted rows, the least similar to their driver, that defines `threshold_`
        and `unknown_threshold_`. None: Tukey's fences over those similarities. In the fit,
        the far-out fence ``Q1 - 3 * IQR``: the graph placed each contact among its
        neighbours, so only contacts far below how similar members usually are to their
        driver are left unassigned (a fixed share would leave that share unassigned even in
        clean data). For new contacts (`predict`), the outlier fence ``Q1 - 1.5 * IQR``: a
        contact under it is unlike every driver's members. Measured with MiniLM on CLINC150
        (drivers fitted on the in-scope test set): 67 % of its out-of-scope queries and 2.7 %
        of the in-scope validation queries fall under it (far-out fence: 0.3 % and 0 %).
    n_neighbors : int or None
        Neighbours per contact in the similarity graph. None: 15 up to 4,500 rows, then
        growing as sqrt(n) (`graph.default_neighbors`).
    n_neighbors_guided : int or None
        Neighbours per contact when ``partial_labels`` guide the fit: a few more than without
        codes, so the codes reach further through the graph (Banking77 with codes, mean NMI
        of three code draws: 0.8731 with 15, 0.8735 with 20, 0.8701 with 25). None: 20 up to
        4,500 rows, then growing as sqrt(n).
    resolution : float or None
        Modularity resolution (higher: more, smaller drivers). None: ``sqrt(n) / 7.25``,
        at least 1, up to 4,500 rows and constant above (`graph.default_resolution`).
    n_runs : int or None
        Community-detection runs whose agreement re-weights the graph before the final run
        (stability between seeds). None: 4 under 1,000 rows, 8 under 2,000, else 16 —
        small graphs are already stable with few runs (DSTC11: same drivers with 4, 8 or 16
        runs, seeds ARI ≥ 0.987 with 4) and the runs are most of the clustering time.
    backend : {"auto", "leiden", "louvain"}
        Community detection: Leiden (needs ``igraph`` and ``leidenalg``), networkx Louvain,
        or "auto" (Leiden when installed, else Louvain).
    assign : {"graph", "centroid"}
        "graph": fitted rows keep their community (rows under `threshold_` are unassigned);
        "centroid": fitted rows get `predict`'s nearest-centroid driver.
    words_weight : float
        Weight of the ``words`` view (see `fit`) beside the embedding in the neighbour graph.
        Measured first on the four development sets (NMI, mean over seeds 0–3, with
        `export_words`): 0.662 without it, 0.5: 0.682, 1.0: 0.667. Chosen again in session
        21 on fifteen labelled sets, the whole pipeline (NMI / owners, seeds 0–3): 0.5: 0.7065 /
        0.7663, 0.6: 0.7068 / 0.7653, 0.7: 0.7067 / 0.7670, 0.85: 0.6934 / 0.7551; the worst set
        0.615 / 0.637 at 0.5, 0.637 / 0.656 at 0.7 (README, "Reasons and owners").

    Attributes
    ----------
    labels_ : ndarray of int, (n,)
        Driver per row, 0..k-1; -1 = unassigned.
    confidence_ : ndarray of float, (n,)
        In [0, 1]; 0 for unassigned rows.
    centroids_ : ndarray of float32, (k, d)
        L2-normalised driver centroids in the input space. With `groups` given to `fit`,
        each is the mean of the plain centroid and the mean of its groups' means (see
        `_centroids`).
    prototypes_ : ndarray of float32, (m, d)
        Each driver's prototypes, sorted by driver: its centroid, and for a driver of at least
        ``2 * PROTOTYPE_SIZE`` fitted rows one k-means centre per `PROTOTYPE_SIZE` of them
        (`driver_prototypes`). `predict` gives a row the driver of its nearest prototype. An
        estimator pickled before prototypes existed has none and predicts by nearest centroid.
    prototype_drivers_ : ndarray of int, (m,)
        The driver of each prototype.
    n_drivers_ : int
    known_names_ : list of (str or None)
        Per driver, the reason code it carries when `partial_labels` guided the fit.
    threshold_ : float
        Cosine similarity to the nearest centroid below which a fitted row is unassigned.
    unknown_threshold_ : float
        Cosine similarity to the nearest centroid below which `predict` says unknown.
    """

    def __init__(
        self,
        *,
        seed: int = 0,
        min_driver_size: int | None = None,
        max_fit_samples: int = FIT_SAMPLE,
        unassigned_quantile: float | None = None,
        n_neighbors: int | None = None,
        n_neighbors_guided: int | None = None,
        resolution: float | None = None,
        n_runs: int | None = None,
        backend: str = "auto",
        assign: str = "graph",
        words_weight: float = 0.7,
    ) -> None:
        self.backend = backend
        self.words_weight = words_weight
        self.n_neighbors = n_neighbors
        self.n_neighbors_guided = n_neighbors_guided
        self.resolution = resolution
        self.n_runs = n_runs
        self.assign = assign
        self.seed = seed
        self.min_driver_size = min_driver_size
        self.max_fit_samples = max_fit_samples
        self.unassigned_quantile = unassigned_quantile

    # ------------------------------------------------------------------ fit

    def fit(
        self,
        X: np.ndarray,
        *,
        texts: Sequence[str] | None = None,
        partial_labels: Sequence[str | None] | None = None,
        groups: Sequence[str | None] | None = None,
        words: np.ndarray | None = None,
    ) -> DriverDiscovery:
        """Discover drivers in ``X`` (n, d).

        ``words``: a second view of the rows (n, e), L2-normalised (the export's own
        vocabulary, `rootcause.embed.views.export_words`). It joins ``X`` in the neighbour
        graph only, weighed by `words_weight`; centroids, thresholds and `predict` stay in
        the space of ``X``, so new contacts need no word view.

        ``partial_labels``: a reason code or None per row. ``groups``: a group per row (the
        contact's language): the drivers do not change, but each centroid weighs its groups
        more evenly, so that a driver most of whose contacts are French does not draw new
        French contacts away from a neighbouring driver that is mostly English.
        """
        if self.assign not in ("graph", "centroid"):
            raise ConfigError(f"assign={self.assign!r} is not supported; use 'graph' or 'centroid'.")
        if self.backend not in ("auto", "leiden", "louvain"):
            raise ConfigError(f"backend={self.backend!r} is not supported; use 'auto', 'leiden' or 'louvain'.")
        if self.backend == "leiden" and not graph.has_leiden():
            raise BackendUnavailableError(
                "backend='leiden' needs the igraph and leidenalg packages, which are not installed; "
                "run `pip install igraph leidenalg` or use backend='auto'."
            )
        X = _check_X(X, min_rows=2)
        n = len(X)
        if texts is not None and len(texts) != n:
            raise BadInputError(f"texts has {len(texts)} items but X has {n} rows; pass one text per row.")
        codes = _check_partial(partial_labels, n)
        if groups is not None and len(groups) != n:
            raise BadInputError(f"groups has {len(groups)} items but X has {n} rows; pass one group per row.")
        rng = np.random.default_rng(self.seed)
        fit_idx = np.arange(n)
        if n > self.max_fit_samples:
            fit_idx = np.sort(rng.choice(n, self.max_fit_samples, replace=False))
            # labelled rows carry the most information: always fit on them
            if codes is not None:
                fit_idx = np.union1d(fit_idx, np.flatnonzero([c is not None for c in codes]))
        Xf = X[fit_idx]
        if words is not None and len(words) != n:
            raise BadInputError(f"words has {len(words)} rows but X has {n}; pass one row per contact.")
        Xn = Xf if words is None else joined(Xf, np.asarray(words, dtype=np.float32)[fit_idx], self.words_weight)
        codes_f = None if codes is None else [codes[i] for i in fit_idx]
        min_size = self.min_driver_size or default_min_driver_size(len(Xf))

        guided = codes_f is not None and any(c is not None for c in codes_f)
        Xg = partial.code_view(Xn, codes_f) if guided else Xn  # type: ignore[arg-type]
        k = (self.n_neighbors_guided or graph.default_neighbors(len(Xf), 20)) if guided else (
            self.n_neighbors or graph.default_neighbors(len(Xf), 15)
        )
        idx, sim = graph.knn(Xg, k)
        adjacency = graph.fuzzy_graph(idx, sim)
        if guided:
            adjacency = partial.constrain_graph(adjacency, codes_f)  # type: ignore[arg-type]
        res = self.resolution or graph.default_resolution(len(Xf))
        # coded contacts are pinned: each code's contacts form one community from the start
        # and stay apart from other codes', and the community detection places the uncoded
        # contacts around them (Banking77 with codes, mean NMI of three code draws: 0.8735
        # pinned, 0.8696 with the code links and cuts of `constrain_graph` alone)
        labels = graph.consensus_communities(
            adjacency,
            resolution=res,
            seed=self.seed,
            n_runs=self.n_runs or _default_runs(len(Xf)),
            backend=self.backend,
            fixed=partial.code_index(codes_f) if guided else None,  # type: ignore[arg-type]
        )
        names: list[str | None] = [None] * (int(labels.max()) + 1)
        if guided:
            labels, names = partial.name_drivers(labels, codes_f)
        labels, names = refine.drop_small(Xf, labels, names, min_size)
        labels, names = _renumber(Xf, labels, names)
        centroids = _centroids(Xf, labels, len(names), None if groups is None else [groups[i] for i in fit_idx])

        sims = Xf @ centroids.T
        own = sims[np.arange(len(Xf)), labels]
        if self.unassigned_quantile is None:
            q1, q3 = np.quantile(own, [0.25, 0.75])
            self.threshold_ = float(q1 - 3.0 * (q3 - q1))
            self.unknown_threshold_ = float(q1 - 1.5 * (q3 - q1))
        else:
            self.threshold_ = self.unknown_threshold_ = float(np.quantile(own, self.unassigned_quantile))
        self.centroids_ = centroids
        self.prototypes_, self.prototype_drivers_ = driver_prototypes(Xf, labels, centroids, seed=self.seed)
        self.n_drivers_ = len(names)
        self.known_names_ = list(names)
        # the fitted rows keep the nearest-centroid rule: an analysis's own labels do not change
        self.labels_, self.confidence_ = self._nearest(X, novelty=False, prototypes=False)
        if self.assign == "graph" and len(fit_idx) == n:
            keep = self.labels_ >= 0
            self.labels_[keep] = labels[keep]
        if codes is not None:
            # a contact whose code names a driver stays in it: the agent's reason is evidence
            name_to_id = {nm: i for i, nm in enumerate(names) if nm is not None}
            for i, c in enumerate(codes):
                if c is not None and c in name_to_id:
                    self.labels_[i] = name_to_id[c]
        return self

    def relabel(self, X: np.ndarray, labels: np.ndarray, *, groups: Sequence[str | None] | None = None) -> DriverDiscovery:
        """Take a reviewed partition of the fitted rows ``X`` (a driver split in parts).

        Drivers ``0..k-1`` of `labels` replace the fitted ones: centroids, names (a new
        driver has none) and confidences are recomputed; thresholds are kept.
        """
        check_is_fitted(self, "centroids_")
        X = _check_X(X, min_rows=1, dim=self.centroids_.shape[1])
        labels = np.asarray(labels, dtype=np.int64)
        if len(labels) != len(X):
            raise BadInputError(f"labels has {len(labels)} items but X has {len(X)} rows; pass one label per row.")
        k = int(labels.max()) + 1 if (labels >= 0).any() else 0
        self.centroids_ = _centroids(X, labels, k, groups)
        self.prototypes_, self.prototype_drivers_ = driver_prototypes(X, labels, self.centroids_, seed=self.seed)
        self.known_names_ = (list(self.known_names_) + [None] * k)[:k]
        self.n_drivers_ = k
        own = _confidence(X @ self.centroids_.T, np.maximum(labels, 0))
        self.labels_ = labels.copy()
        self.confidence_ = np.where(labels < 0, 0.0, own).astype(np.float64)
        return self

    def fit_predict(self, X: np.ndarray, **kwargs: object) -> np.ndarray:
        """`fit`, then return `labels_`."""
        return self.fit(X, **kwargs).labels_  # type: ignore[arg-type]

    # ------------------------------------------------------------------ predict

    def predict(
        self, X: np.ndarray, *, texts: Sequence[str] | None = None, novelty: bool = True
    ) -> tuple[np.ndarray, np.ndarray]:
        """Driver (-1 = unknown) and confidence in [0, 1] for each row of ``X``.

        Each row goes to the driver of its nearest prototype (`prototypes_`; an estimator
        fitted before prototypes existed: its nearest centroid), and is unknown when its
        nearest centroid is under the fence. ``novelty``: rows are new contacts, held to
        `unknown_threshold_`; False: rows of the fit, held to `threshold_`.
        """
        return self._nearest(X, novelty=novelty, prototypes=True)

    def _nearest(self, X: np.ndarray, *, novelty: bool, prototypes: bool) -> tuple[np.ndarray, np.ndarray]:
        check_is_fitted(self, "centroids_")
        X = _check_X(X, min_rows=0, dim=self.centroids_.shape[1])
        if len(X) == 0:
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float64)
        sims = X @ self.centroids_.T
        protos = getattr(self, "prototypes_", None) if prototypes else None
        score = sims if protos is None else driver_scores(X, protos, self.prototype_drivers_, len(self.centroids_))
        labels = score.argmax(axis=1).astype(np.int64)
        conf = _confidence(score, labels)
        fence = getattr(self, "unknown_threshold_", self.threshold_) if novelty else self.threshold_
        labels[sims.max(axis=1) < fence] = -1
        conf = np.where(labels < 0, 0.0, conf).astype(np.float64)
        return labels, conf

    def extend(self, other: DriverDiscovery) -> DriverDiscovery:
        """Append the drivers of `other` (fitted in the same space) after this estimator's own.

        Their centroids and prototypes join this estimator's; thresholds are kept. An
        estimator without prototypes (fitted before they existed) stays without them.
        """
        check_is_fitted(self, "centroids_")
        check_is_fitted(other, "centroids_")
        first = len(self.centroids_)
        if getattr(self, "prototypes_", None) is not None:
            protos = getattr(other, "prototypes_", None)
            drivers = getattr(other, "prototype_drivers_", None)
            if protos is None:  # one prototype per new driver: its centroid
                protos, drivers = other.centroids_, np.arange(len(other.centroids_))
            self.prototypes_ = np.vstack([self.prototypes_, np.asarray(protos, dtype=np.float32)])
            self.prototype_drivers_ = np.concatenate([self.prototype_drivers_, np.asarray(drivers) + first])
        self.centroids_ = np.vstack([self.centroids_, np.asarray(other.centroids_, dtype=np.float32)])
        self.n_drivers_ = len(self.centroids_)
        self.known_names_ = list(getattr(self, "known_names_", [None] * first)) + [None] * len(other.centroids_)
        return self


# ---------------------------------------------------------------------- helpers


def _confidence(sims: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Softmax share (temperature `_TEMPERATURE`) of each row's driver among all drivers."""
    z = (sims - sims[np.arange(len(sims)), labels][:, None]) / _TEMPERATURE
    return 1.0 / np.exp(z).sum(axis=1)


def _check_X(X: np.ndarray, *, min_rows: int, dim: int | None = None) -> np.ndarray:
    arr = np.asarray(X, dtype=np.float32)
    if arr.ndim != 2:
        raise BadInputError(f"X has shape {arr.shape}; expected a 2-D (n_contacts, dim) embedding matrix.")
    if len(arr) < min_rows:
        raise BadInputError(f"X has {len(arr)} rows; discovery needs at least {min_rows} contacts.")
    if dim is not None and arr.shape[1] != dim:
        raise BadInputError(
            f"X has {arr.shape[1]} columns but the drivers were fitted on {dim}; "
            "embed with the same embedder as at fit time."
        )
    if not np.isfinite(arr).all():
        raise BadInputError("X contains NaN or infinite values; re-embed those contacts or drop them.")
    norms = np.linalg.norm(arr, axis=1, keepdims=True)
    return arr / np.maximum(norms, 1e-12)


def _check_partial(partial_labels: Sequence[str | None] | None, n: int) -> list[str | None] | None:
    if partial_labels is None:
        return None
    codes = [None if (c is None or (isinstance(c, float) and np.isnan(c)) or str(c).strip() == "") else str(c)
             for c in partial_labels]
    if len(codes) != n:
        raise BadInputError(
            f"partial_labels has {len(codes)} items but X has {n} rows; pass one code (or None) per row."
        )
    return codes


def _centroids(X: np.ndarray, labels: np.ndarray, k: int, groups: Sequence[str | None] | None = None) -> np.ndarray:
    """L2-normalised mean of each driver's rows.

    With `groups`, a driver that has at least `MIN_GROUP_MEMBERS` rows in two or more
    groups gets the mean of that centroid and its balanced one (the mean of its groups'
    means). The same complaint in French and in English then lands in the same driver
    more often (bundled sample, discovery seeds 0–3: 0.835 -> 0.89 of 44 translations).
    """
    c = np.zeros((k, X.shape[1]), dtype=np.float64)
    np.add.at(c, labels[labels >= 0], X[labels >= 0])
    c /= np.maximum(np.linalg.norm(c, axis=1, keepdims=True), 1e-12)
    if groups is not None:
        g = np.array([str(x) for x in groups], dtype=object)
        for j in range(k):
            members = labels == j
            means = []
            for value in np.unique(g[members]):
                rows = members & (g == value)
                if rows.sum() >= MIN_GROUP_MEMBERS:
                    means.append(X[rows].mean(axis=0))
            if len(means) >= 2:
                balanced = np.mean(means, axis=0)
                blend = c[j] + balanced / max(float(np.linalg.norm(balanced)), 1e-12)
                c[j] = blend / max(float(np.linalg.norm(blend)), 1e-12)
    return c.astype(np.float32)


def _renumber(X: np.ndarray, labels: np.ndarray, names: list[str | None]) -> tuple[np.ndarray, list[str | None]]:
    """Number drivers by decreasing size, ties by the smallest member row in a canonical order.

    Row order must not change the numbering: ties are broken by the centroid's coordinates,
    which do not depend on row order.
    """
    ids = [i for i in range(len(names)) if (labels == i).any()]
    cents = _centroids(X, labels, len(names))
    sizes = np.bincount(labels[labels >= 0], minlength=len(names))
    ids.sort(key=lambda i: (-sizes[i], tuple(np.round(cents[i][:8], 5))))
    remap = np.full(len(names), -1, dtype=np.int64)
    remap[ids] = np.arange(len(ids))
    out = np.where(labels >= 0, remap[np.maximum(labels, 0)], -1)
    return out, [names[i] for i in ids]


def default_min_driver_size(n: int) -> int:
    """The smallest driver kept among `n` fitted contacts when `min_driver_size` is None."""
    return max(3, n // 1000)


def _default_runs(n: int) -> int:
    """Consensus runs for `n` rows: stability costs fewer runs on small graphs."""
    return 4 if n < 1_000 else 8 if n < 2_000 else 16


# ------------------------------------------------------------------ prototypes


def driver_prototypes(
    X: np.ndarray, labels: np.ndarray, centroids: np.ndarray, *, seed: int = 0, size: int = PROTOTYPE_SIZE
) -> tuple[np.ndarray, np.ndarray]:
    """Each driver's prototypes: its centroid, plus the k-means centres of its rows when it has many.

    A driver found by the neighbour graph need not be round: one centroid stands for it badly
    when its contacts lie in several clumps. A driver of ``n`` fitted rows gets ``n // size``
    k-means centres (L2-normalised) beside its centroid when that is at least 2; a smaller
    driver its centroid alone. Returns ``(prototypes (m, d) float32, driver of each (m,))``,
    sorted by driver.
    """
    from sklearn.cluster import KMeans

    protos: list[np.ndarray] = []
    owner: list[np.ndarray] = []
    for j in range(len(centroids)):
        rows = X[labels == j]
        rows = rows[np.lexsort(rows[:, :8].T[::-1])]  # a canonical order: row order changes nothing
        m = len(rows) // size
        part = [np.asarray(centroids[j : j + 1], dtype=np.float32)]
        if m >= 2:
            m = min(m, len(np.unique(rows, axis=0)) - 1)  # duplicates (the same message sent twice) count once
        if m >= 2:
            km = KMeans(n_clusters=m, n_init=1, random_state=seed).fit(rows)
            c = km.cluster_centers_.astype(np.float32)
            part.append(c / np.maximum(np.linalg.norm(c, axis=1, keepdims=True), 1e-12))
        block = np.vstack(part)
        protos.append(block)
        owner.append(np.full(len(block), j, dtype=np.int64))
    if not protos:
        return np.zeros((0, X.shape[1]), dtype=np.float32), np.zeros(0, dtype=np.int64)
    return np.vstack(protos).astype(np.float32), np.concatenate(owner)


def driver_scores(X: np.ndarray, prototypes: np.ndarray, owner: np.ndarray, k: int) -> np.ndarray:
    """(n, k): each row's cosine similarity to each driver's nearest prototype (`owner` sorted)."""
    starts = np.searchsorted(owner, np.arange(k))
    # prototypes by rows: the max runs down contiguous rows (4x faster than across columns)
    return np.maximum.reduceat(prototypes @ X.T, starts, axis=0).T
