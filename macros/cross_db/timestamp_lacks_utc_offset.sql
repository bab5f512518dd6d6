{#-
    SQL predicate: the text is a well-formed ISO-8601 date or date-time
    without an offset, and no zone is assumed for such text: it is
    quarantined as `missing_utc_offset`. False when a zone is assumed.
-#}
{% macro timestamp_lacks_utc_offset(expression) -%}
    {%- if mta.assumed_time_zone() is not none -%}
        false
    {%- else -%}
        coalesce({{ mta.regex_matches(
            'upper(trim(' ~ expression ~ '))',
            '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)?)?$'
        ) }}, false)
    {%- endif -%}
{%- endmacro %}
