"""Every operation of the spec has a method on Caravan, and no method outlives its operation."""

from caravan import OPERATION_METHODS, Caravan

from .conftest import spec_operations


def test_every_operation_of_the_spec_has_a_method():
    operations = [o.id for o in spec_operations()]
    assert len(operations) >= 56
    caravan = Caravan(api_key="ck_test", base_url="http://127.0.0.1:1")
    missing = [
        op for op in operations
        if op not in OPERATION_METHODS
        or not callable(getattr(getattr(caravan, OPERATION_METHODS[op][0], None), OPERATION_METHODS[op][1], None))
    ]
    assert missing == [], "run `npm run generate` after changing openapi/caravan.yaml"


def test_no_method_for_an_operation_the_spec_no_longer_has():
    operations = {o.id for o in spec_operations()}
    assert [op for op in OPERATION_METHODS if op not in operations] == []
