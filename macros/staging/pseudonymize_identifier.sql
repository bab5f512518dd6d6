{#-
    An identifier people may type personal data into (user_id, order_id,
    store_id, campaign and creative ids). A whole email or phone number is
    normalized and hashed like one (email_hash, phone_hash), so a user_id that
    is an email still links the same person on every row; an id that holds
    personal data among other text is replaced by the SHA-256 of the text,
    which keeps ids distinct; any other id is returned as it is.
-#}
{% macro pseudonymize_identifier(expression) -%}
    case
        when not {{ mta.regex_matches(expression, mta.pii_candidate_pattern()) }}
            then {{ expression }}
        when {{ mta.normalize_email(expression) }} is not null
            then {{ mta.email_hash(expression) }}
        when {{ mta.regex_matches('trim(' ~ expression ~ ')', '^(([+]|00)[0-9][0-9 ().-]{5,}|[(]?[0-9]{3}[)]?[ .-]?[0-9]{3}[ .-][0-9]{4})$') }}
            and {{ mta.normalize_phone(expression) }} is not null
            then {{ mta.phone_hash(expression) }}
        when {{ mta.scrub_pii(expression) }} <> {{ expression }}
            then {{ mta.sha256_hex(expression) }}
        else {{ expression }}
    end
{%- endmacro %}
