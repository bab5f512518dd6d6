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
