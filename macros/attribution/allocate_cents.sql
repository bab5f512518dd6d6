{#-
    Money shared out in whole cents that add up exactly (expression with
    window functions): the cents of `amount` (a row's share of `total`)
    rounded down, plus one cent for the rows with the largest remainders
    while cents of `total` are left over, within each `partition_by` group
    (ties by `order_by`; remainders are compared to six decimals, so float
    noise never decides and every engine picks the same rows). Every group's
    allocated cents sum to `total` in cents, so credited revenue, modeled
    revenue and their reports add up to the conversions' revenue to the
    cent. Returns the amount in money (decimal(18,2)).
-#}
{% macro allocate_cents(amount, total, partition_by, order_by) -%}
    {%- set cents = mta.round_to('(' ~ amount ~ ') * 100', 6) -%}
    cast(cast(
        floor({{ cents }})
        + case
            when row_number() over (
                partition by {{ partition_by }}
                order by {{ mta.round_to(cents ~ ' - floor(' ~ cents ~ ')', 6) }} desc, {{ order_by }}
            ) <= {{ mta.round_to('(' ~ total ~ ') * 100', 0) }}
            - sum(floor({{ cents }})) over (partition by {{ partition_by }})
                then 1
            else 0
        end
    as {{ mta.money_type() }}) / 100 as {{ mta.money_type() }})
{%- endmacro %}
