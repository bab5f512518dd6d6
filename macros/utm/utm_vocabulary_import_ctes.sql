{#- Import CTEs of the vocabulary seeds, normalized with vocab_text (place them in the model's `with` list, followed by a comma). -#}
{% macro utm_vocabulary_import_ctes() -%}
    {#- One row per normalized alias, so a seed edit can never multiply rows
        (tests/data_tests/assert_seed_aliases_unique_after_normalization). #}
    vocab_source_aliases as (
        select
            {{ mta.vocab_text('alias') }} as alias,
            min({{ mta.vocab_text('source') }}) as source
        from {{ mta.seed_ref('utm_source_aliases') }}
        group by {{ mta.vocab_text('alias') }}
    ),

    vocab_medium_aliases as (
        select
            {{ mta.vocab_text('alias') }} as alias,
            min({{ mta.vocab_text('medium') }}) as medium
        from {{ mta.seed_ref('utm_medium_aliases') }}
        group by {{ mta.vocab_text('alias') }}
    ),

    vocab_source_categories as (
        select
            {{ mta.vocab_text('source') }} as source,
            {{ mta.vocab_text('source_category') }} as source_category,
            {{ mta.vocab_text('default_paid_channel') }} as default_paid_channel
        from {{ mta.seed_ref('source_categories') }}
    ),

    vocab_referrer_domains as (
        select
            {{ mta.regex_replace_all(mta.vocab_text('domain'), '^www[.]', '') }} as domain,
            {{ mta.vocab_text('source') }} as source,
            {{ mta.vocab_text('source_category') }} as source_category
        from {{ mta.seed_ref('referrer_domains') }}
    ),

    vocab_click_id_params as (
        select
            {{ mta.vocab_text('click_id_param') }} as click_id_param,
            {{ mta.vocab_text('source') }} as source,
            {{ mta.vocab_text('channel') }} as channel
        from {{ mta.seed_ref('click_id_params') }}
    ),

    vocab_channel_rules as (
        select
            rule_order,
            {{ mta.vocab_text('evidence_type') }} as evidence_type,
            {{ mta.vocab_text('source_category') }} as source_category,
            {{ mta.vocab_text('medium') }} as medium,
            {{ mta.vocab_text('channel') }} as channel
        from {{ mta.seed_ref('channel_rules') }}
    )
{%- endmacro %}
