{#-
    The row count of every raw contract table, read from the sources
    themselves: the independent side of audit_raw_reconciliation (raw rows =
    staged rows + quarantined rows). An absent optional table counts 0 rows.
    Kept in staging so that source() appears nowhere else.
-#}
{%- set tables = mta.raw_contract().keys() | sort -%}

with

{% for table_name in tables %}
raw_{{ table_name }} as (
    select * from {{ mta.raw_rows(table_name) }} as raw_table
),

{% endfor -%}

final as (
    {%- for table_name in tables %}
    select
        cast('{{ table_name }}' as {{ dbt.type_string() }}) as table_name,
        cast(count(*) as {{ dbt.type_bigint() }}) as raw_rows
    from raw_{{ table_name }}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
)

select * from final
