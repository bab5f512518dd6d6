{#-
    The base models' row id: the raw row key and the row's rank among the
    rows sharing that key (null keys share one partition), good rows first,
    then by reason, dedup rank and the raw row. Unique by construction, even
    when a key part is null, and deterministic: only byte-identical rows with
    the same outcome could swap ranks, and they are indistinguishable.
    Expects columns row_key, invalid_reason, duplicate_rank and raw_row_json.
    With `partition_column` (the incremental models), rows rank by partition
    first, the undated partition last: a row arriving in the late-data window
    never changes the id of a row in an older partition, so incremental runs
    give the ids a full build gives.
-#}
{% macro base_row_id(partition_column=none) -%}
    {#- key#rank; a null key gives <null>#rank#, which no key#rank can equal (it ends in a digit). -#}
    coalesce(row_key, '<null>') || '#' || cast(row_number() over (
        partition by row_key
        order by
            {%- if partition_column is not none %}
            case when {{ partition_column }} = {{ mta.undated_partition() }} then 1 else 0 end,
            {{ partition_column }},
            {%- endif %}
            case when invalid_reason is null then 0 else 1 end,
            invalid_reason,
            duplicate_rank,
            raw_row_json
    ) as {{ dbt.type_string() }})
    || case when row_key is null then '#' else '' end
{%- endmacro %}
