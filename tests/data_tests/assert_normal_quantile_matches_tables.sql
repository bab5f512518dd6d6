{#-
    mta.normal_quantile against the standard normal table (values to 16
    digits from published tables of the inverse normal CDF), in the central
    region and both tails. Lists every probability whose quantile is off by
    more than 1e-8. A check of the package's own macro, so it runs where the
    repository is the root project only (var mta_package_tests).
-#}
{{ config(enabled=var('mta_package_tests', project_name == 'mta')) }}
{%- set table_values = [
    (0.5, 0.0),
    (0.8, 0.8416212335729143),
    (0.9, 1.2815515655446004),
    (0.95, 1.6448536269514722),
    (0.975, 1.959963984540054),
    (0.995, 2.5758293035489004),
    (0.999, 3.090232306167813),
    (0.01, -2.3263478740408408),
    (0.2, -0.8416212335729143),
] -%}

with

table_values as (
    {%- for probability, expected_quantile in table_values %}
    select
        {{ probability }} as probability,
        {{ expected_quantile }} as expected_quantile
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

computed as (
    select
        probability,
        expected_quantile,
        {{ mta.normal_quantile('probability') }} as computed_quantile
    from table_values
)

select *
from computed
where not coalesce(abs(computed_quantile - expected_quantile) <= 1e-8, false)
