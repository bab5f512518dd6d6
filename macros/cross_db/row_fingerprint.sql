{#-
    A row's fingerprint: an integer in [0, 1000000007) from the values of
    `expressions` (nulls included), the same for the same values on every
    run of one engine. Summed with the row count per partition, it tells an
    incremental run which partitions of a raw table changed since they were
    built: appended, edited in place or deleted rows (late_data_window,
    test raw_partitions_match).
-#}
{% macro row_fingerprint(expressions) -%}
    {{ return(adapter.dispatch('row_fingerprint', 'mta')(expressions)) }}
{%- endmacro %}

{% macro default__row_fingerprint(expressions) -%}
    cast(mod(mod(hashtextextended(concat_ws(chr(31)
        {%- for expression in expressions -%}
        , coalesce(cast({{ expression }} as text), chr(30))
        {%- endfor -%}
    ), 0), 1000000007) + 1000000007, 1000000007) as bigint)
{%- endmacro %}

{% macro duckdb__row_fingerprint(expressions) -%}
    cast(hash({{ expressions | join(', ') }}) % 1000000007 as bigint)
{%- endmacro %}

{% macro spark__row_fingerprint(expressions) -%}
    cast(pmod(xxhash64({{ expressions | join(', ') }}), 1000000007) as bigint)
{%- endmacro %}
