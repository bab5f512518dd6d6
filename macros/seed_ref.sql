{#-
    The relation that plays the role of one of the package's reference seeds:
    `ref(var('mta_<seed>_seed'))`, by default the shipped seed itself. A
    project that installs the package replaces a seed with a seed or model of
    its own (same columns) by setting that var to its name, e.g.
    `mta_utm_source_aliases_seed: my_utm_source_aliases`. Every model, macro
    and test reads the seeds through this macro, never with a literal ref.
-#}
{% macro seed_ref(seed_name) -%}
    {%- set replaceable = [
        'utm_source_aliases', 'utm_medium_aliases', 'source_categories', 'referrer_domains',
        'click_id_params', 'channel_rules', 'bot_user_agent_patterns', 'currency_rates',
        'conversion_types', 'channel_lookback_windows', 'collector_precedence', 'lift_tests',
        'utm_channel_examples',
    ] -%}
    {%- if seed_name not in replaceable -%}
        {{ exceptions.raise_compiler_error("seed_ref: '" ~ seed_name ~ "' is not one of the replaceable seeds: " ~ replaceable | join(', ')) }}
    {%- endif -%}
    {{ return(ref(var('mta_' ~ seed_name ~ '_seed', seed_name))) }}
{%- endmacro %}
