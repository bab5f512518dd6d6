{#- 2^n x n rows (49,152 for n = 12). -#}
{%- set n = mta.shapley_max_channels() -%}

with bit_values as (

    select 0 as bit_value
    union all
    select 1 as bit_value

),

masks as (

    select
        {%- for j in range(n) %}
        bit_{{ j }}.bit_value as bit_{{ j }},
        {%- endfor %}
        0
        {%- for j in range(n) %}
        + bit_{{ j }}.bit_value * {{ 2 ** j }}
        {%- endfor %} as local_mask,
        0
        {%- for j in range(n) %}
        + bit_{{ j }}.bit_value
        {%- endfor %} as subset_size
    from bit_values as bit_0
    {% for j in range(1, n) -%}
    cross join bit_values as bit_{{ j }}
    {% endfor %}

),

final as (

    {%- for j in range(n) %}
    select
        cast(local_mask as {{ dbt.type_bigint() }}) as local_mask,
        {{ j }} as local_position,
        bit_{{ j }} = 1 as is_member,
        subset_size
    from masks
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}

)

select * from final
