{#-
    UTM vocabulary: normalization of UTM values and the channel
    classification of a touch, driven by the seeds utm_source_aliases,
    utm_medium_aliases, source_categories, referrer_domains, click_id_params
    and channel_rules (see seeds/_seeds.yml).
-#}

{#- The five UTM parameters. -#}
{% macro utm_params() -%}
    {{ return(['utm_source', 'utm_medium', 'utm_campaign', 'utm_content', 'utm_term']) }}
{%- endmacro %}

{#- Click-id URL parameters of the raw contract, in the order that picks one when a URL carries several. -#}
{% macro click_id_params() -%}
    {{ return(['gclid', 'gbraid', 'wbraid', 'msclkid', 'fbclid', 'ttclid', 'li_fat_id', 'clickid']) }}
{%- endmacro %}

{#- A UTM (or source name) value: URL-decoded, trimmed, lower case; null when empty. -#}
{% macro normalize_utm_value(expression) -%}
    nullif(lower(trim({{ mta.url_decode(expression) }})), '')
{%- endmacro %}

{#- A seed text column as compared by the macros: trimmed, lower case, empty -> null (user edits and CSV blanks are tolerated). -#}
{% macro vocab_text(column) -%}
    nullif(lower(trim({{ column }})), '')
{%- endmacro %}

{#- Import CTEs of the vocabulary seeds, normalized with vocab_text (place them in the model's `with` list, followed by a comma). -#}
{% macro utm_vocabulary_import_ctes() -%}
    vocab_source_aliases as (
        select
            {{ mta.vocab_text('alias') }} as alias,
            {{ mta.vocab_text('source') }} as source
        from {{ ref('utm_source_aliases') }}
    ),

    vocab_medium_aliases as (
        select
            {{ mta.vocab_text('alias') }} as alias,
            {{ mta.vocab_text('medium') }} as medium
        from {{ ref('utm_medium_aliases') }}
    ),

    vocab_source_categories as (
        select
            {{ mta.vocab_text('source') }} as source,
            {{ mta.vocab_text('source_category') }} as source_category,
            {{ mta.vocab_text('default_paid_channel') }} as default_paid_channel
        from {{ ref('source_categories') }}
    ),

    vocab_referrer_domains as (
        select
            {{ mta.regex_replace_all(mta.vocab_text('domain'), '^www[.]', '') }} as domain,
            {{ mta.vocab_text('source') }} as source,
            {{ mta.vocab_text('source_category') }} as source_category
        from {{ ref('referrer_domains') }}
    ),

    vocab_click_id_params as (
        select
            {{ mta.vocab_text('click_id_param') }} as click_id_param,
            {{ mta.vocab_text('source') }} as source,
            {{ mta.vocab_text('channel') }} as channel
        from {{ ref('click_id_params') }}
    ),

    vocab_channel_rules as (
        select
            rule_order,
            {{ mta.vocab_text('evidence_type') }} as evidence_type,
            {{ mta.vocab_text('source_category') }} as source_category,
            {{ mta.vocab_text('medium') }} as medium,
            {{ mta.vocab_text('channel') }} as channel
        from {{ ref('channel_rules') }}
    )
{%- endmacro %}

{#-
    Canonical source of a raw source name (utm_source value, ad traffic
    source, spend platform): `normalized_expression` must already be
    normalized (normalize_utm_value). Needs the import CTEs. Returns the CTEs
    `<prefix>_sources` with (source_key, source, source_category,
    default_paid_channel) over the distinct values of `column` in
    `input_cte`.
-#}
{% macro source_lookup_cte(input_cte, column, prefix) -%}
    {{ prefix }}_distinct as (
        select distinct {{ column }} as source_key
        from {{ input_cte }}
        where {{ column }} is not null
    ),

    {{ prefix }}_sources as (
        select
            distinct_values.source_key,
            coalesce(source_aliases.source, distinct_values.source_key) as source,
            source_categories.source_category,
            source_categories.default_paid_channel
        from {{ prefix }}_distinct as distinct_values
        left join vocab_source_aliases as source_aliases
            on distinct_values.source_key = source_aliases.alias
        left join vocab_source_categories as source_categories
            on coalesce(source_aliases.source, distinct_values.source_key) = source_categories.source
    )
{%- endmacro %}

{#-
    Channel classification as a chain of CTEs (place it in the model's `with`
    list after the vocabulary import CTEs, followed by a comma). The final
    CTE is `output_cte`: every column of `input_cte` plus

      utm_source, utm_medium, utm_campaign, utm_content, utm_term
                              normalized (decoded, trimmed, lower, alias-mapped)
      utm_source_category     category of utm_source (source_categories seed)
      has_utm                 any UTM present
      click_id_channel        channel of click_id_param (click_id_params seed)
      referrer_source, referrer_category
                              longest-suffix match of referrer_host in referrer_domains
                              (external referrers only; unknown hosts keep the host as source)
      is_external_referrer    referrer host present and different from page host
      utm_rule_channel        first matching `utm` rule of channel_rules (null if none)
      channel                 the touch's channel:
                                UTMs -> utm rule, else click id channel, else other;
                                click id only -> its channel;
                                external referrer only -> first matching `referrer` rule, else referral;
                                nothing -> direct

    `input_cte` must have: utm_source_raw, utm_medium_raw, utm_campaign_raw,
    utm_content_raw, utm_term_raw (still URL-encoded), click_id_param,
    referrer_host, page_host (lower case, no `www.`).
    Lookups run on distinct values and are joined back (aggregate before joining).
-#}
{% macro classify_channel_ctes(input_cte, output_cte) -%}
    {{ output_cte }}_normalized as (
        select
            *,
            {%- for param in mta.utm_params() %}
            {{ mta.normalize_utm_value(param ~ '_raw') }} as {{ param }}_normalized,
            {%- endfor %}
            (
                referrer_host is not null
                and referrer_host <> coalesce(page_host, '')
            ) as is_external_referrer
        from {{ input_cte }}
    ),

    {{ mta.source_lookup_cte(output_cte ~ '_normalized', 'utm_source_normalized', output_cte ~ '_utm_source') }},

    {{ output_cte }}_medium_distinct as (
        select distinct utm_medium_normalized as medium_key
        from {{ output_cte }}_normalized
        where utm_medium_normalized is not null
    ),

    {{ output_cte }}_mediums as (
        select
            medium_distinct.medium_key,
            coalesce(medium_aliases.medium, medium_distinct.medium_key) as medium
        from {{ output_cte }}_medium_distinct as medium_distinct
        left join vocab_medium_aliases as medium_aliases
            on medium_distinct.medium_key = medium_aliases.alias
    ),

    {{ output_cte }}_referrer_candidates as (
        select
            referrer_hosts.referrer_host,
            referrer_domains.source,
            referrer_domains.source_category,
            row_number() over (
                partition by referrer_hosts.referrer_host
                order by length(referrer_domains.domain) desc, referrer_domains.domain
            ) as match_rank
        from (
            select distinct referrer_host
            from {{ output_cte }}_normalized
            where is_external_referrer
        ) as referrer_hosts
        inner join vocab_referrer_domains as referrer_domains
            on
                referrer_hosts.referrer_host = referrer_domains.domain
                or referrer_hosts.referrer_host like '%.' || referrer_domains.domain
    ),

    {{ output_cte }}_referrers as (
        select
            referrer_host,
            source,
            source_category
        from {{ output_cte }}_referrer_candidates
        where match_rank = 1
    ),

    {{ output_cte }}_enriched as (
        select
            normalized.*,
            utm_sources.source as utm_source,
            coalesce(mediums.medium, normalized.utm_medium_normalized) as utm_medium,
            normalized.utm_campaign_normalized as utm_campaign,
            normalized.utm_content_normalized as utm_content,
            normalized.utm_term_normalized as utm_term,
            utm_sources.source_category as utm_source_category,
            coalesce(
                normalized.utm_source_normalized is not null
                or normalized.utm_medium_normalized is not null
                or normalized.utm_campaign_normalized is not null
                or normalized.utm_content_normalized is not null
                or normalized.utm_term_normalized is not null,
                false
            ) as has_utm,
            click_id_params.channel as click_id_channel,
            case
                when normalized.is_external_referrer then coalesce(referrers.source, normalized.referrer_host)
            end as referrer_source,
            case when normalized.is_external_referrer then referrers.source_category end as referrer_category
        from {{ output_cte }}_normalized as normalized
        left join {{ output_cte }}_utm_source_sources as utm_sources
            on normalized.utm_source_normalized = utm_sources.source_key
        left join {{ output_cte }}_mediums as mediums
            on normalized.utm_medium_normalized = mediums.medium_key
        left join vocab_click_id_params as click_id_params
            on normalized.click_id_param = click_id_params.click_id_param
        left join {{ output_cte }}_referrers as referrers
            on normalized.referrer_host = referrers.referrer_host
    ),

    {{ output_cte }}_utm_combinations as (
        select distinct
            utm_source_category,
            utm_medium
        from {{ output_cte }}_enriched
        where has_utm
    ),

    {{ output_cte }}_utm_rule_matches as (
        select
            combinations.utm_source_category,
            combinations.utm_medium,
            rules.channel,
            row_number() over (
                partition by combinations.utm_source_category, combinations.utm_medium
                order by rules.rule_order
            ) as match_rank
        from {{ output_cte }}_utm_combinations as combinations
        inner join vocab_channel_rules as rules
            on
                rules.evidence_type = 'utm'
                and (rules.source_category is null or rules.source_category = combinations.utm_source_category)
                and (rules.medium is null or rules.medium = combinations.utm_medium)
    ),

    {{ output_cte }}_referrer_rule_matches as (
        select
            categories.referrer_category,
            rules.channel,
            row_number() over (
                partition by categories.referrer_category
                order by rules.rule_order
            ) as match_rank
        from (
            select distinct referrer_category
            from {{ output_cte }}_enriched
            where is_external_referrer
        ) as categories
        inner join vocab_channel_rules as rules
            on
                rules.evidence_type = 'referrer'
                and (rules.source_category is null or rules.source_category = categories.referrer_category)
    ),

    {{ output_cte }} as (
        select
            enriched.*,
            utm_rules.channel as utm_rule_channel,
            case
                when enriched.has_utm
                    then coalesce(utm_rules.channel, enriched.click_id_channel, 'other')
                when enriched.click_id_param is not null
                    then coalesce(enriched.click_id_channel, 'other')
                when enriched.is_external_referrer
                    then coalesce(referrer_rules.channel, 'referral')
                else 'direct'
            end as channel
        from {{ output_cte }}_enriched as enriched
        left join {{ output_cte }}_utm_rule_matches as utm_rules
            on
                coalesce(enriched.utm_source_category, '~') = coalesce(utm_rules.utm_source_category, '~')
                and coalesce(enriched.utm_medium, '~') = coalesce(utm_rules.utm_medium, '~')
                and utm_rules.match_rank = 1
                and enriched.has_utm
        left join {{ output_cte }}_referrer_rule_matches as referrer_rules
            on
                coalesce(enriched.referrer_category, '~') = coalesce(referrer_rules.referrer_category, '~')
                and referrer_rules.match_rank = 1
                and enriched.is_external_referrer
    )
{%- endmacro %}

{#-
    URL preparation for classify_channel_ctes, as two CTEs (place them in
    the `with` list, followed by a comma); the last is `output_cte`: every
    column of `input_cte` plus page_host, page_path, referrer_host,
    utm_source_raw .. utm_term_raw (still encoded), click_id (the first
    click-id parameter present, URL-decoded, junk -> null) and
    click_id_param.
-#}
{% macro touch_url_ctes(input_cte, page_url_column, referrer_url_column, output_cte) -%}
    {{ output_cte }}_parsed as (
        select
            *,
            {{ mta.url_host(page_url_column) }} as page_host,
            {{ mta.url_path(page_url_column) }} as page_path,
            {{ mta.url_host(referrer_url_column) }} as referrer_host,
            {%- for param in mta.utm_params() %}
            {{ mta.url_query_param(page_url_column, param) }} as {{ param }}_raw,
            {%- endfor %}
            {%- for param in mta.click_id_params() %}
            {{ mta.clean_identifier(mta.url_decode(mta.url_query_param(page_url_column, param))) }} as click_value_{{ param }}{{ "," if not loop.last }}
            {%- endfor %}
        from {{ input_cte }}
    ),

    {{ output_cte }} as (
        select
            *,
            coalesce(
                {%- for param in mta.click_id_params() %}
                click_value_{{ param }}{{ "," if not loop.last }}
                {%- endfor %}
            ) as click_id,
            case
                {%- for param in mta.click_id_params() %}
                when click_value_{{ param }} is not null then '{{ param }}'
                {%- endfor %}
            end as click_id_param
        from {{ output_cte }}_parsed
    )
{%- endmacro %}
