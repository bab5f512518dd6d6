{#-
    Staging's email and phone hashes with the hash Google Ads expects for the
    same value, read from every raw column that holds an email or a phone.
    Staging hashes the normalized email, and the phone's E.164 digits
    without the '+' (Meta's form); Google Ads wants the dots of gmail.com
    addresses removed before hashing and the phone's leading '+' kept. Only
    hashes leave this model. A raw table or column that is absent is skipped.
    See _exports__models.yml.
-#}
{%- set raw_tables = [
    ('web', 'web_events', ['email']),
    ('messaging', 'message_events', ['email', 'phone']),
    ('crm', 'crm_contacts', ['email', 'phone']),
    ('collectors', 'conversions', ['email', 'phone']),
] -%}
{%- set branches = [] -%}
{%- for source_name, table_name, wanted in raw_tables -%}
{%- for column in mta.present_source_columns(source_name, table_name, wanted) -%}
{%- do branches.append((table_name, column)) -%}
{%- endfor -%}
{%- endfor -%}

with

{% for source_name, table_name, wanted in raw_tables
    if mta.present_source_columns(source_name, table_name, wanted) | length > 0 -%}
raw_{{ table_name }} as (
    select * from {{ source(source_name, table_name) }}
),

{% endfor -%}

hash_pairs as (
    {%- for table_name, column in branches %}
    select
        '{{ column }}' as identifier_type,
        {%- if column == 'email' %}
        {{ mta.email_hash(mta.as_text('raw_' ~ table_name ~ '.' ~ column)) }} as identifier_hash,
        {{ mta.google_email_hash(mta.as_text('raw_' ~ table_name ~ '.' ~ column)) }} as google_identifier_hash
        {%- else %}
        {{ mta.phone_hash(mta.as_text('raw_' ~ table_name ~ '.' ~ column)) }} as identifier_hash,
        {{ mta.google_phone_hash(mta.as_text('raw_' ~ table_name ~ '.' ~ column)) }} as google_identifier_hash
        {%- endif %}
    from raw_{{ table_name }}
    where raw_{{ table_name }}.{{ column }} is not null
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
    {%- if branches | length == 0 %}
    select
        cast(null as {{ dbt.type_string() }}) as identifier_type,
        cast(null as {{ dbt.type_string() }}) as identifier_hash,
        cast(null as {{ dbt.type_string() }}) as google_identifier_hash
    where 1 = 0
    {%- endif %}
),

final as (
    select distinct
        cast(hash_pairs.identifier_type as {{ dbt.type_string() }}) as identifier_type,
        cast(hash_pairs.identifier_hash as {{ dbt.type_string() }}) as identifier_hash,
        cast(hash_pairs.google_identifier_hash as {{ dbt.type_string() }}) as google_identifier_hash
    from hash_pairs
    where hash_pairs.identifier_hash is not null
)

select * from final
