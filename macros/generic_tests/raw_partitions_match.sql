{#-
    No silent drift between a raw event table and its incremental base model:
    every date partition holds as many rows in the model as in the raw table,
    with the same sum of row fingerprints (raw_rows' _raw_fingerprint, kept
    as raw_fingerprint). An incremental run rebuilds every partition whose raw
    rows changed (late_data_window); if one ever was not (a raw row edited or
    deleted in a way no run can see, or a partition Spark cannot empty), this
    test fails the build naming the model and each partition, instead of
    letting the marts pass with numbers a full refresh would not give.
    The check runs once, when the test executes; the compiled test shows it.
-#}
{% test raw_partitions_match(model, table_name, timestamp_column, partition_column='partition_date') %}
    {%- set partition_expression = mta.event_partition_date(
        mta.parse_iso_timestamp(mta.as_text(timestamp_column))
    ) -%}
    {%- set mismatches_sql -%}
        with raw_partitions as (
            select
                {{ partition_expression }} as partition_date,
                count(*) as raw_rows,
                sum(_raw_fingerprint) as raw_fingerprint_sum
            from {{ mta.raw_rows(table_name) }} as raw_table
            group by {{ partition_expression }}
        ),

        built_partitions as (
            select
                {{ partition_column }} as partition_date,
                count(*) as built_rows,
                sum(raw_fingerprint) as built_fingerprint_sum
            from {{ model }}
            where base_row_id is not null
            group by {{ partition_column }}
        )

        select
            cast(coalesce(raw_partitions.partition_date, built_partitions.partition_date) as {{ dbt.type_string() }})
                as partition_date,
            coalesce(raw_partitions.raw_rows, 0) as raw_rows,
            coalesce(built_partitions.built_rows, 0) as built_rows
        from raw_partitions
        full outer join built_partitions
            on raw_partitions.partition_date = built_partitions.partition_date
        where
            coalesce(raw_partitions.raw_rows, 0) <> coalesce(built_partitions.built_rows, 0)
            or coalesce(raw_partitions.raw_fingerprint_sum, 0) <> coalesce(built_partitions.built_fingerprint_sum, 0)
    {%- endset -%}
    {%- if execute -%}
        {%- set mismatches = run_query(mismatches_sql ~ ' order by 1') -%}
        {%- if mismatches.rows | length > 0 -%}
            {%- set described = [] -%}
            {%- for row in mismatches.rows[:20] -%}
                {%- do described.append(row[0] ~ ' (raw ' ~ row[1] ~ ' rows, built ' ~ row[2] ~ ' rows)') -%}
            {%- endfor -%}
            {{ exceptions.raise_compiler_error(
                "raw_partitions_match: " ~ model ~ " differs from raw." ~ table_name ~ " (row count or row contents) in "
                ~ mismatches.rows | length ~ " partition(s): " ~ described | join(', ')
                ~ ". Run `dbt build --full-refresh --select " ~ model.identifier ~ "+` to rebuild it from raw."
            ) }}
        {%- endif -%}
    {%- endif %}
    select *
    from ({{ mismatches_sql }}) as mismatches
    where 1 = 0
{% endtest %}
