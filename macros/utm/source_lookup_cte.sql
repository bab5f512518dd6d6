{#-
    Canonical source of a raw source name (utm_source value, ad traffic
    source, spend platform): `normalized_expression` must already be
    normalized (normalize_utm_value). Needs the import CTEs
    vocab_source_aliases and vocab_source_categories (the views
    stg_reference__utm_source_aliases and stg_reference__source_categories). Returns the CTEs
    `<prefix>_sources` with (source_key, source, source_category,
    default_paid_channel) over the distinct values of `column` in
    `input_cte`.
-#}
{% macro source_lookup_cte(input_cte, column, prefix) -%}
    {{ prefix }}_distinct as (
        select distinct {{ column }} as source_key
        from {{ input_cte }}
        where {{ column }} is not null
    ),

    {{ prefix }}_sources as (
        select
            distinct_values.source_key,
            coalesce(source_aliases.source, distinct_values.source_key) as source,
            source_categories.source_category,
            source_categories.default_paid_channel
        from {{ prefix }}_distinct as distinct_values
        left join vocab_source_aliases as source_aliases
            on distinct_values.source_key = source_aliases.alias
        left join vocab_source_categories as source_categories
            on coalesce(source_aliases.source, distinct_values.source_key) = source_categories.source
    )
{%- endmacro %}
