{#-
    Quarantine reasons in order of precedence: a row gets the first that
    applies. `duplicate_event` and `conflicting_duplicate` are decided last,
    only among otherwise valid rows (see `duplicate_rank`): a copy of the
    kept row, or a copy of the same key whose content differs from it and
    that no load timestamp or version orders.
-#}
{% macro quarantine_reasons() -%}
    {{ return([
        'missing_key',
        'missing_utc_offset',
        'unparseable_timestamp',
        'implausible_timestamp',
        'invalid_value',
        'bot',
        'invalid_amount',
        'unknown_currency',
        'duplicate_event',
        'conflicting_duplicate',
    ]) }}
{%- endmacro %}

{#-
    `case` expression giving the first reason, in precedence order, whose
    condition (SQL text, a dict value keyed by reason) is true. Reasons not in
    `conditions` never apply. Null when none applies.
-#}
{% macro quarantine_reason_case(conditions) -%}
    {%- for reason in conditions.keys() if reason not in mta.quarantine_reasons() -%}
        {{ exceptions.raise_compiler_error("quarantine_reason_case: unknown reason '" ~ reason ~ "'") }}
    {%- endfor -%}
    case
    {%- for reason in mta.quarantine_reasons() if reason in conditions %}
        when coalesce({{ conditions[reason] }}, false) then '{{ reason }}'
    {%- endfor %}
    end
{%- endmacro %}

{#-
    Timestamp plausibility: before var `mta_min_valid_timestamp` or later than
    build time plus var `mta_future_tolerance_hours`.
-#}
{% macro is_implausible_timestamp(timestamp_expression) -%}
    ({{ timestamp_expression }} < {{ mta.min_valid_timestamp() }}
        or {{ timestamp_expression }} > {{ mta.max_valid_timestamp() }})
{%- endmacro %}

{#- The bounds of a plausible timestamp (is_implausible_timestamp), as SQL. -#}
{% macro min_valid_timestamp() -%}
    cast('{{ var("mta_min_valid_timestamp", "2000-01-01") }}' as {{ dbt.type_timestamp() }})
{%- endmacro %}

{% macro max_valid_timestamp() -%}
    {{ dbt.dateadd('hour', mta.setting('mta_future_tolerance_hours'), mta.build_timestamp()) }}
{%- endmacro %}

{#- The build's start time as a UTC timestamp literal (deterministic within one run). -#}
{% macro build_timestamp() -%}
    cast('{{ run_started_at.strftime("%Y-%m-%d %H:%M:%S") }}' as {{ dbt.type_timestamp() }})
{%- endmacro %}

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

{#- Normalized currency code: upper case, trimmed; null when junk. -#}
{% macro clean_currency(expression) -%}
    upper({{ mta.clean_identifier(expression) }})
{%- endmacro %}

{#- Import CTEs for currency conversion: `currency_rates` and `reporting_currency_rate` (one row, or none when the reporting currency is not in the seed). -#}
{% macro currency_import_ctes() -%}
    currency_rates as (
        select * from {{ mta.seed_ref('currency_rates') }}
    ),

    reporting_currency_rate as (
        select rate_to_usd as reporting_rate_to_usd
        from currency_rates
        where currency = '{{ var("mta_reporting_currency", "USD") }}'
    )
{%- endmacro %}

{#- Currency of an amount: the cleaned code, or var `mta_default_currency` when an amount has no currency. -#}
{% macro effective_currency(amount_expression, currency_expression) -%}
    case
        when {{ amount_expression }} is not null
            then coalesce({{ mta.clean_currency(currency_expression) }}, '{{ var("mta_default_currency", "USD") }}')
        else {{ mta.clean_currency(currency_expression) }}
    end
{%- endmacro %}

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

{#-
    CTE `bot_user_agents`: the distinct user-agent keys of `input_cte` (column
    user_agent_key, lower case) that contain a pattern of the
    bot_user_agent_patterns seed (imported as CTE `bot_user_agent_patterns`)
    outside the pattern's `unless_within` word, if it has one.
    Matching runs once per distinct user agent, not per event.
-#}
{% macro bot_user_agents_cte(input_cte) -%}
bot_user_agents as (
    select distinct user_agents.user_agent_key
    from (
        select distinct user_agent_key
        from {{ input_cte }}
        where user_agent_key is not null
    ) as user_agents
    inner join bot_user_agent_patterns as patterns
        on
            nullif(trim(patterns.pattern), '') is not null
            and user_agents.user_agent_key like '%' || lower(trim(patterns.pattern)) || '%'
            and (
                nullif(trim(patterns.unless_within), '') is null
                or replace(
                    user_agents.user_agent_key, lower(trim(patterns.unless_within)), ''
                ) like '%' || lower(trim(patterns.pattern)) || '%'
            )
)
{%- endmacro %}

{#-
    The quarantine reason of a copy of a kept row (expression; needs column
    duplicate_rank, 1 for the kept row, over `partition_by`): null for the
    kept row; `conflicting_duplicate` for a copy of the same version
    (`version_key`: the load time and the table's own version columns) whose
    figures (`figures_key`) differ from the kept row's, since nothing says
    which is right; `duplicate_event` for an older version or a copy with the
    same figures.
-#}
{% macro copy_quarantine_reason(partition_by, version_key, figures_key) -%}
    {%- set kept = "over (partition by " ~ partition_by ~ " order by duplicate_rank rows between unbounded preceding and unbounded following)" -%}
    case
        when duplicate_rank = 1 then null
        when
            coalesce({{ version_key }}, '') = coalesce(first_value({{ version_key }}) {{ kept }}, '')
            and coalesce({{ figures_key }}, '') <> coalesce(first_value({{ figures_key }}) {{ kept }}, '')
            then 'conflicting_duplicate'
        else 'duplicate_event'
    end
{%- endmacro %}

{#- Text key of a list of columns (null-safe, '|'-separated), for copy_quarantine_reason. -#}
{% macro columns_key(columns) -%}
    {%- for column in columns -%}
        coalesce(cast({{ column }} as {{ dbt.type_string() }}), '') {{- " || '|' || " if not loop.last }}
    {%- endfor -%}
{%- endmacro %}
