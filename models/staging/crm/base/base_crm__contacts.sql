with

source_rows as (
    select * from {{ mta.raw_rows('crm_contacts') }} as raw_crm_contacts
),

vocab_source_aliases as (
    select * from {{ ref('stg_reference__utm_source_aliases') }}
),

vocab_source_categories as (
    select * from {{ ref('stg_reference__source_categories') }}
),

vocab_referrer_domains as (
    select * from {{ ref('stg_reference__referrer_domains') }}
),

source_with_json as (
    select
        source_rows.*,
        {{ mta.raw_row_json('crm_contacts', 'source_rows') }} as raw_row_json
    from source_rows
),

typed as (
    select
        {{ mta.as_text('contact_id') }} as row_key,
        {{ mta.clean_identifier('contact_id') }} as contact_id,
        {{ mta.email_hash(mta.as_text('email')) }} as email_hash,
        {{ mta.phone_hash(mta.as_text('phone')) }} as phone_hash,
        {{ mta.parse_iso_timestamp(mta.as_text('created_at')) }} as created_at,
        nullif(trim({{ mta.as_text('updated_at') }}), '') as updated_at_raw,
        {{ mta.parse_iso_timestamp(mta.as_text('updated_at')) }} as updated_at,
        {{ mta.timestamp_lacks_utc_offset(mta.as_text('created_at')) }}
        or {{ mta.timestamp_lacks_utc_offset(mta.as_text('updated_at')) }} as lacks_utc_offset,
        {{ mta.clean_lower('lifecycle_stage') }} as lifecycle_stage,
        {{ mta.clean_identifier('anonymous_id') }} as anonymous_id,
        {{ mta.clean_identifier('gclid') }} as gclid,
        nullif(trim({{ mta.as_text('lead_source') }}), '') as lead_source,
        {{ mta.clean_lower('lead_source') }} as lead_source_key,
        {{ mta.clean_identifier('merged_into_contact_id') }} as merged_into_contact_id,
        {{ mta.safe_cast_boolean('is_deleted') }} as is_deleted,
        _loaded_at,
        raw_row_json
    from source_with_json
),

-- self-reported lead source -> source category: a word of the text that names a source, an alias or
-- a referrer domain; an AI assistant wins over other mentions, then the longest name
lead_source_texts as (
    select
        lead_source_key,
        ' ' || {{ mta.regex_replace_all('lead_source_key', '[^a-z0-9.]+', ' ') }} || ' ' as padded_text
    from (
        select distinct lead_source_key
        from typed
        where lead_source_key is not null
    ) as distinct_lead_sources
),

source_names as (
    select
        source as source_name,
        source
    from vocab_source_categories
    union all
    select
        alias as source_name,
        source
    from vocab_source_aliases
    union all
    select
        domain as source_name,
        source
    from vocab_referrer_domains
),

lead_source_matches as (
    select
        lead_source_texts.lead_source_key,
        source_categories.source_category,
        row_number() over (
            partition by lead_source_texts.lead_source_key
            order by
                case when source_categories.source_category = 'ai_assistant' then 0 else 1 end,
                length(source_names.source_name) desc,
                source_names.source_name
        ) as match_rank
    from lead_source_texts
    inner join source_names
        on lead_source_texts.padded_text like '% ' || source_names.source_name || ' %'
    inner join vocab_source_categories as source_categories
        on source_names.source = source_categories.source
),

checked as (
    select
        typed.*,
        lead_source_matches.source_category as lead_source_category,
        coalesce(lead_source_matches.source_category = 'ai_assistant', false) as is_ai_lead_source,
        {{ mta.quarantine_reason_case({
            'missing_key': 'typed.contact_id is null',
            'missing_utc_offset': 'typed.lacks_utc_offset',
            'unparseable_timestamp': 'typed.created_at is null or (typed.updated_at_raw is not null and typed.updated_at is null)',
            'implausible_timestamp': mta.is_implausible_timestamp('typed.created_at') ~ ' or ' ~ mta.is_implausible_timestamp('typed.updated_at'),
        }) }} as invalid_reason
    from typed
    left join lead_source_matches
        on
            typed.lead_source_key = lead_source_matches.lead_source_key
            and lead_source_matches.match_rank = 1
),

{# Several rows of one contact are versions of it (appended or re-exported
    exports): the latest load wins (var mta_load_timestamp_column), then the
    latest updated_at. Older versions are duplicate_event; a copy of the same
    load and updated_at with other content is conflicting_duplicate
    (copy_quarantine_reason). #}
duplicates_ranked as (
    select
        *,
        row_number() over (
            partition by contact_id, invalid_reason is null
            order by _loaded_at desc nulls last, updated_at desc nulls last, created_at asc, raw_row_json asc
        ) as duplicate_rank
    from checked
),

final as (
    select
        row_key,
        {{ mta.base_row_id() }} as base_row_id,
        coalesce(
            invalid_reason,
            {{ mta.copy_quarantine_reason(
                'contact_id, invalid_reason is null',
                mta.columns_key(['_loaded_at', 'updated_at']),
                mta.columns_key(['email_hash', 'phone_hash', 'created_at', 'lifecycle_stage', 'anonymous_id', 'gclid',
                    'lead_source', 'merged_into_contact_id', 'is_deleted']),
            ) }}
        ) as quarantine_reason,
        contact_id,
        email_hash,
        phone_hash,
        created_at,
        updated_at,
        lifecycle_stage,
        anonymous_id,
        gclid,
        lead_source,
        lead_source_category,
        is_ai_lead_source,
        case when merged_into_contact_id <> contact_id then merged_into_contact_id end as merged_into_contact_id,
        is_deleted,
        case when invalid_reason is not null or duplicate_rank > 1 then raw_row_json end as raw_row_json
    from duplicates_ranked
)

select * from final
