"""Large exports: fit on a stratified sample, assign the rest chunk by chunk.

`rootcause analyze` takes this path above `fit_sample` rows (`ROOTCAUSE_FIT_SAMPLE`, 20,000);
smaller exports are analysed whole, in memory, as before.
"""

from rootcause.sampled.run import analyze_sampled
from rootcause.sampled.strata import stratified_sample, strata_keys

__all__ = ["analyze_sampled", "strata_keys", "stratified_sample"]
