{#-
    The campaign key that joins spend to touchpoints: the campaign name as a
    slug (lower case, every run of characters other than a-z and 0-9 turned
    into one underscore, underscores trimmed from the ends), '(none)' when
    nothing is left. Spend rows carry the platform's campaign name
    ("Brand | Search | Exact"), touchpoints the click log's campaign name or
    the utm_campaign a tagging template made from it ("brand_search_exact");
    both give the same key.
-#}
{% macro campaign_key(expression) -%}
    coalesce(
        nullif(trim(both '_' from {{ mta.regex_replace_all('lower(' ~ expression ~ ')', '[^a-z0-9]+', '_') }}), ''),
        '(none)'
    )
{%- endmacro %}

{#-
    The reporting date of an attributed conversion: the conversion's UTC date
    (var mta_attribution_report_date = 'conversion', the default) or the
    credited touch's UTC date ('touch').
-#}
{% macro attribution_report_date(converted_at, touched_at) -%}
    {%- set basis = mta.setting('mta_attribution_report_date') -%}
    {%- if basis == 'conversion' -%}
        cast({{ converted_at }} as date)
    {%- elif basis == 'touch' -%}
        cast({{ touched_at }} as date)
    {%- else -%}
        {{ exceptions.raise_compiler_error("mta_attribution_report_date must be 'conversion' or 'touch', got '" ~ basis ~ "'") }}
    {%- endif -%}
{%- endmacro %}

{#- Monday of the ISO week of a date or timestamp, as a date. -#}
{% macro week_start(expression) -%}
    cast({{ dbt.date_trunc('week', expression) }} as date)
{%- endmacro %}

{#- numerator / denominator as a float, null when the denominator is 0 or null. -#}
{% macro safe_ratio(numerator, denominator) -%}
    cast({{ numerator }} as {{ mta.double_type() }}) / nullif(cast({{ denominator }} as {{ mta.double_type() }}), 0)
{%- endmacro %}
