{#-
    Quarantine reasons in order of precedence: a row gets the first that
    applies. `duplicate_event` and `conflicting_duplicate` are decided last,
    only among otherwise valid rows (see `duplicate_rank`): a copy of the
    kept row, or a copy of the same key whose content differs from it and
    that no load timestamp or version orders.
-#}
{% macro quarantine_reasons() -%}
    {{ return([
        'missing_key',
        'missing_utc_offset',
        'unparseable_timestamp',
        'implausible_timestamp',
        'invalid_value',
        'bot',
        'invalid_amount',
        'unknown_currency',
        'duplicate_event',
        'conflicting_duplicate',
    ]) }}
{%- endmacro %}
