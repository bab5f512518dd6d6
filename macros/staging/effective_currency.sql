{#- Currency of an amount: the cleaned code, or var `mta_default_currency` when an amount has no currency. -#}
{% macro effective_currency(amount_expression, currency_expression) -%}
    case
        when {{ amount_expression }} is not null
            then coalesce({{ mta.clean_currency(currency_expression) }}, '{{ mta.setting('mta_default_currency') }}')
        else {{ mta.clean_currency(currency_expression) }}
    end
{%- endmacro %}
