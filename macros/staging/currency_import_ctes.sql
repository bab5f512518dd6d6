{#- Import CTEs for currency conversion: `currency_rates` and `reporting_currency_rate` (one row, or none when the reporting currency is not in the seed). -#}
{% macro currency_import_ctes() -%}
    currency_rates as (
        select * from {{ mta.seed_ref('currency_rates') }}
    ),

    reporting_currency_rate as (
        select rate_to_usd as reporting_rate_to_usd
        from currency_rates
        where currency = '{{ mta.setting('mta_reporting_currency') }}'
    )
{%- endmacro %}
