{#-
    Channel classification as a chain of CTEs (place it in the model's `with`
    list after the vocabulary import CTEs vocab_source_aliases,
    vocab_medium_aliases, vocab_source_categories, vocab_click_id_params,
    vocab_channel_rules and, with a referrer column, vocab_referrer_domains,
    each `select * from` its stg_reference__ view; followed by a comma). URLs are
    parsed once per distinct value (aggregate before joining) and joined back.
    The final CTE is `output_cte`: every column of `input_cte` plus

      page_host, page_path    of the page URL (lower case host without www.)
      page_marketing_url, referrer_marketing_url
                              the URLs reduced to their marketing parameters
                              (marketing_url), computed once per distinct URL
      referrer_host           of the referrer URL
      url_click_id, url_click_id_param
                              the first click-id parameter present (order of click_id_params()),
                              URL-decoded; junk -> null
      utm_source, utm_medium, utm_campaign, utm_content, utm_term
                              normalized (decoded, trimmed, lower, source and medium alias-mapped;
                              emails, phones and IPs typed into them scrubbed)
      utm_source_category     category of utm_source (source_categories seed)
      has_utm                 any UTM present
      click_id_channel        channel of click_id_param (click_id_params seed)
      is_external_referrer    referrer host present and different from the page host
      referrer_source, referrer_category
                              external referrers: longest-suffix match in referrer_domains
                              (unknown hosts keep the host as source, category null)
      utm_rule_channel        first matching `utm` rule of channel_rules (null if none)
      channel                 UTMs -> utm rule, else click id channel, else other;
                              click id only -> its channel;
                              external referrer only -> first matching `referrer` rule, else referral;
                              nothing -> direct

    `referrer_url_column` may be none (no referrer: ad landing pages, message links).
-#}
{% macro classify_channel_ctes(input_cte, output_cte, page_url_column, referrer_url_column=none) -%}
    {{ output_cte }}_page_urls as (
        select distinct {{ page_url_column }} as page_url_key
        from {{ input_cte }}
        where {{ page_url_column }} is not null
    ),

    {{ output_cte }}_page_parsed as (
        select
            page_url_key,
            {{ mta.url_host('page_url_key') }} as page_host,
            {{ mta.url_path('page_url_key') }} as page_path,
            {{ mta.marketing_url('page_url_key') }} as page_marketing_url,
            {%- for param in mta.utm_params() %}
            {{ mta.scrub_pii(mta.normalize_utm_value(mta.url_query_param('page_url_key', param))) }} as {{ param }}_normalized,
            {%- endfor %}
            {%- for param in mta.click_id_params() %}
            {{ mta.clean_identifier(mta.url_decode(mta.url_query_param('page_url_key', param))) }} as click_value_{{ param }}{{ "," if not loop.last }}
            {%- endfor %}
        from {{ output_cte }}_page_urls
    ),

    {{ mta.source_lookup_cte(output_cte ~ '_page_parsed', 'utm_source_normalized', output_cte ~ '_utm_source') }},

    {{ output_cte }}_page_fields as (
        select
            page_parsed.page_url_key,
            page_parsed.page_host,
            page_parsed.page_path,
            page_parsed.page_marketing_url,
            utm_sources.source as utm_source,
            coalesce(medium_aliases.medium, page_parsed.utm_medium_normalized) as utm_medium,
            page_parsed.utm_campaign_normalized as utm_campaign,
            page_parsed.utm_content_normalized as utm_content,
            page_parsed.utm_term_normalized as utm_term,
            utm_sources.source_category as utm_source_category,
            coalesce(
                page_parsed.utm_source_normalized is not null
                or page_parsed.utm_medium_normalized is not null
                or page_parsed.utm_campaign_normalized is not null
                or page_parsed.utm_content_normalized is not null
                or page_parsed.utm_term_normalized is not null,
                false
            ) as has_utm,
            coalesce(
                {%- for param in mta.click_id_params() %}
                page_parsed.click_value_{{ param }}{{ "," if not loop.last }}
                {%- endfor %}
            ) as click_id,
            case
                {%- for param in mta.click_id_params() %}
                when page_parsed.click_value_{{ param }} is not null then '{{ param }}'
                {%- endfor %}
            end as click_id_param
        from {{ output_cte }}_page_parsed as page_parsed
        left join {{ output_cte }}_utm_source_sources as utm_sources
            on page_parsed.utm_source_normalized = utm_sources.source_key
        left join vocab_medium_aliases as medium_aliases
            on page_parsed.utm_medium_normalized = medium_aliases.alias
    ),

    {{ output_cte }}_page_channels as (
        select
            page_fields.*,
            click_id_params.channel as click_id_channel,
            rules.channel as utm_rule_channel,
            row_number() over (
                partition by page_fields.page_url_key
                order by rules.rule_order
            ) as match_rank
        from {{ output_cte }}_page_fields as page_fields
        left join vocab_click_id_params as click_id_params
            on page_fields.click_id_param = click_id_params.click_id_param
        left join vocab_channel_rules as rules
            on
                page_fields.has_utm
                and rules.evidence_type = 'utm'
                and (rules.source_category is null or rules.source_category = page_fields.utm_source_category)
                and (rules.medium is null or rules.medium = page_fields.utm_medium)
    ),

    {%- if referrer_url_column is not none %}

    {{ output_cte }}_referrer_hosts as (
        select
            referrer_urls.referrer_url_key,
            {{ mta.url_host('referrer_urls.referrer_url_key') }} as referrer_host,
            {{ mta.marketing_url('referrer_urls.referrer_url_key') }} as referrer_marketing_url
        from (
            select distinct {{ referrer_url_column }} as referrer_url_key
            from {{ input_cte }}
            where {{ referrer_url_column }} is not null
        ) as referrer_urls
    ),

    {{ output_cte }}_referrer_matches as (
        select
            referrer_hosts.referrer_url_key,
            referrer_hosts.referrer_host,
            referrer_hosts.referrer_marketing_url,
            referrer_domains.source,
            referrer_domains.source_category,
            row_number() over (
                partition by referrer_hosts.referrer_url_key
                order by length(referrer_domains.domain) desc, referrer_domains.domain
            ) as match_rank
        from {{ output_cte }}_referrer_hosts as referrer_hosts
        left join vocab_referrer_domains as referrer_domains
            on
                referrer_hosts.referrer_host = referrer_domains.domain
                or referrer_hosts.referrer_host like '%.' || referrer_domains.domain
    ),

    {{ output_cte }}_referrer_fields as (
        select
            referrer_matches.referrer_url_key,
            referrer_matches.referrer_host,
            referrer_matches.referrer_marketing_url,
            referrer_matches.source as referrer_domain_source,
            referrer_matches.source_category as referrer_domain_category,
            rules.channel as referrer_rule_channel,
            row_number() over (
                partition by referrer_matches.referrer_url_key
                order by rules.rule_order
            ) as rule_rank
        from {{ output_cte }}_referrer_matches as referrer_matches
        left join vocab_channel_rules as rules
            on
                rules.evidence_type = 'referrer'
                and (rules.source_category is null or rules.source_category = referrer_matches.source_category)
        where referrer_matches.match_rank = 1
    ),

    {%- endif %}

    {{ output_cte }}_joined as (
        select
            touches.*,
            page_channels.page_host,
            page_channels.page_path,
            page_channels.page_marketing_url,
            page_channels.click_id as url_click_id,
            page_channels.click_id_param as url_click_id_param,
            page_channels.utm_source,
            page_channels.utm_medium,
            page_channels.utm_campaign,
            page_channels.utm_content,
            page_channels.utm_term,
            page_channels.utm_source_category,
            coalesce(page_channels.has_utm, false) as has_utm,
            page_channels.click_id_channel,
            page_channels.utm_rule_channel,
            {%- if referrer_url_column is not none %}
            referrer_fields.referrer_host,
            referrer_fields.referrer_marketing_url,
            referrer_fields.referrer_domain_source,
            referrer_fields.referrer_domain_category,
            referrer_fields.referrer_rule_channel
            {%- else %}
            cast(null as {{ dbt.type_string() }}) as referrer_host,
            cast(null as {{ dbt.type_string() }}) as referrer_marketing_url,
            cast(null as {{ dbt.type_string() }}) as referrer_domain_source,
            cast(null as {{ dbt.type_string() }}) as referrer_domain_category,
            cast(null as {{ dbt.type_string() }}) as referrer_rule_channel
            {%- endif %}
        from {{ input_cte }} as touches
        left join {{ output_cte }}_page_channels as page_channels
            on
                touches.{{ page_url_column }} = page_channels.page_url_key
                and page_channels.match_rank = 1
        {%- if referrer_url_column is not none %}
        left join {{ output_cte }}_referrer_fields as referrer_fields
            on
                touches.{{ referrer_url_column }} = referrer_fields.referrer_url_key
                and referrer_fields.rule_rank = 1
        {%- endif %}
    ),

    {{ output_cte }} as (
        select
            *,
            coalesce(referrer_host is not null and referrer_host <> coalesce(page_host, ''), false)
                as is_external_referrer,
            case
                when referrer_host is not null and referrer_host <> coalesce(page_host, '')
                    then coalesce(referrer_domain_source, referrer_host)
            end as referrer_source,
            case
                when referrer_host is not null and referrer_host <> coalesce(page_host, '')
                    then referrer_domain_category
            end as referrer_category,
            case
                when has_utm
                    then coalesce(utm_rule_channel, click_id_channel, 'other')
                when url_click_id_param is not null
                    then coalesce(click_id_channel, 'other')
                when referrer_host is not null and referrer_host <> coalesce(page_host, '')
                    then coalesce(referrer_rule_channel, 'referral')
                else 'direct'
            end as channel
        from {{ output_cte }}_joined
    )
{%- endmacro %}
