{#-
    Amount checks: negative, NaN, infinite, unreadable, or above var
    `mta_max_amount` in the reporting currency (an amount is absurd by its
    value: 1,363,000 JPY is an ordinary deal). `raw_expression` is the raw
    value, `float_expression` its float cast, `currency_rate_expression` the
    row currency's rate to USD (null for an unknown currency, which then caps
    the nominal amount and is quarantined as unknown_currency anyway).
-#}
{% macro is_invalid_amount(raw_expression, float_expression, currency_rate_expression='1') -%}
    ({{ raw_expression }} is not null
        and (
            {{ float_expression }} is null
            or lower(cast({{ float_expression }} as {{ dbt.type_string() }})) in ('nan', '-nan', 'inf', '-inf', 'infinity', '-infinity', '+infinity')
            or {{ float_expression }} < 0
            or {{ float_expression }} * coalesce(
                {{ currency_rate_expression }} / reporting_currency_rate.reporting_rate_to_usd, 1
            ) > {{ mta.setting('mta_max_amount') }}
        ))
{%- endmacro %}
