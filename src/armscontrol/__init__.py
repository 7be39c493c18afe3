"""armscontrol: a typed, sourced, validated record of arms-control agreements."""
