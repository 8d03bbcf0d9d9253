"""Template helpers for accessible forms (:mod:`.barrierefrei`)."""
