{#-
    Fails with every attribution model whose total of `column_name` (an
    expression over `model`, e.g. observed_revenue + modeled_revenue),
    rounded to the cent, differs from the revenue of the attributable
    conversions of `compare_model` (`compare_expression` over the rows
    matching `compare_where`) rounded to the cent. Every model in
    `required_models` must be present (a missing one counts as 0).
-#}
{% test revenue_reconciles_to_the_cent(model, column_name, compare_model, compare_expression, compare_where='1 = 1', group_by='attribution_model', required_models=[]) %}
with

model_totals as (
    select
        {{ group_by }} as group_key,
        sum({{ column_name }}) as model_total
    from {{ model }}
    group by {{ group_by }}
),

required_keys as (
    select group_key from model_totals
    {%- for required_model in required_models %}
    union
    select '{{ required_model }}' as group_key
    {%- endfor %}
),

expected as (
    select coalesce({{ compare_expression }}, 0) as expected_total
    from {{ compare_model }}
    where {{ compare_where }}
)

select
    required_keys.group_key,
    {{ mta.round_to('coalesce(model_totals.model_total, 0)', 2) }} as model_total,
    {{ mta.round_to('expected.expected_total', 2) }} as expected_total
from required_keys
left join model_totals
    on required_keys.group_key = model_totals.group_key
cross join expected
where {{ mta.round_to('coalesce(model_totals.model_total, 0)', 2) }} <> {{ mta.round_to('expected.expected_total', 2) }}
{% endtest %}
