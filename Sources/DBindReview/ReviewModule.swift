import DBindStore

/// The review stage: people confirm, correct and add labels to what the auto-tagger proposed.
public enum ReviewModule {}
