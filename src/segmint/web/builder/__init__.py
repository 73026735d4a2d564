"""The segment builder's model: a draft tree of groups and conditions that the visual form edits (it may be
incomplete while the user works), turned into rule text for segmint.rules.parse_rule and built back from
a parsed rule, so the form and the text always say the same thing."""
