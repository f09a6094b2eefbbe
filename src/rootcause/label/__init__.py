"""Label drivers: c-TF-IDF keywords over lemmas and noun phrases, a short name, exemplars."""

from rootcause.label.ctfidf import c_tf_idf
from rootcause.label.exemplars import mmr_exemplars
from rootcause.label.labeler import DriverLabel, label_drivers
from rootcause.label.terms import Analyzer, RegexAnalyzer, SpacyAnalyzer

__all__ = ["Analyzer", "DriverLabel", "RegexAnalyzer", "SpacyAnalyzer", "c_tf_idf", "label_drivers", "mmr_exemplars"]
