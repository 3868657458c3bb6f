"""The domain: vocabulary, entities, validation and the network shapes the metrics read."""
