"""Driver discovery: cluster contact embeddings into drivers without being told how many.

>>> from rootcause.discover import DriverDiscovery
>>> disc = DriverDiscovery(seed=0).fit(X)            # doctest: +SKIP
>>> labels, confidence = disc.predict(X_new)         # doctest: +SKIP
"""

from rootcause.discover.estimator import DriverDiscovery

__all__ = ["DriverDiscovery"]
