{#-
    The row count of every raw contract table, read from the sources
    themselves: the independent side of audit_raw_reconciliation (raw = staged
    + quarantined). An absent optional table counts 0 rows. A table with a
    seed of the same columns (raw_contract `seed`: lift_tests) counts the
    seed's rows too, since staging reads both. Kept in staging so that
    source() appears nowhere else.
-#}
{%- set contract = mta.raw_contract() -%}
{%- set tables = contract.keys() | sort -%}

with

{% for table_name in tables %}
raw_{{ table_name }} as (
    select * from {{ mta.raw_row_markers(table_name) }} as raw_table
),

{% if contract[table_name].get('seed') is not none -%}
seed_{{ table_name }} as (
    select * from {{ mta.raw_row_markers(table_name, mta.seed_ref(contract[table_name].seed)) }} as seed_table
),

{% endif -%}
{% endfor -%}

final as (
    {%- for table_name in tables %}
    select
        cast('{{ table_name }}' as {{ dbt.type_string() }}) as table_name,
        cast(count(*) as {{ dbt.type_bigint() }})
        {%- if contract[table_name].get('seed') is not none %}
        + cast((select count(*) from seed_{{ table_name }}) as {{ dbt.type_bigint() }})
        {%- endif %} as raw_rows
    from raw_{{ table_name }}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
)

select * from final
