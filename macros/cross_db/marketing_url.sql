{#-
    The URL with its query string reduced to the marketing parameters
    (mta.utm_params() and mta.click_id_params(), matched case-insensitively),
    in their original order and spelling; the fragment is dropped. Staging
    hands only these URLs downstream, so an email, phone or token that a form
    or a partner typed into another query parameter never leaves staging;
    personal data inside the path or a marketing parameter is scrubbed
    (scrub_pii).
-#}
{% macro marketing_url(url) -%}
    {{ return(mta.scrub_pii(adapter.dispatch('marketing_url', 'mta')(url))) }}
{%- endmacro %}

{% macro default__marketing_url(url) -%}
    case
        when {{ url }} is not null then
            regexp_replace({{ url }}, '[?#].*$', '')
            || coalesce('?' || nullif(array_to_string(array(
                select query_part.part
                from unnest(string_to_array(substring({{ url }} from '\?([^#]*)'), '&')) as query_part (part)
                where lower(split_part(query_part.part, '=', 1)) in {{ mta.marketing_url_param_list() }}
            ), '&'), ''), '')
    end
{%- endmacro %}

{% macro duckdb__marketing_url(url) -%}
    case
        when {{ url }} is not null then
            regexp_replace({{ url }}, '[?#].*$', '')
            || coalesce('?' || nullif(array_to_string(list_filter(
                string_split(regexp_extract({{ url }}, '\?([^#]*)', 1), '&'),
                lambda query_part: lower(split_part(query_part, '=', 1)) in {{ mta.marketing_url_param_list() }}
            ), '&'), ''), '')
    end
{%- endmacro %}

{% macro spark__marketing_url(url) -%}
    case
        when {{ url }} is not null then
            regexp_replace({{ url }}, '[?#].*$', '')
            || coalesce('?' || nullif(array_join(filter(
                split(regexp_extract({{ url }}, '\\?([^#]*)', 1), '&'),
                query_part -> lower(split_part(query_part, '=', 1)) in {{ mta.marketing_url_param_list() }}
            ), '&'), ''), '')
    end
{%- endmacro %}
