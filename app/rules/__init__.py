"""Rule packs and policies: YAML data, validated at load, compiled once."""
