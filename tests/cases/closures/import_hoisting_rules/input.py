from flowc.dsl import *


class Hoisting(Workflow):
    entrypoint = "go"

    @scope(name="helpers")
    def load(path):
        from os.path import basename
        import json, re
        return basename(path), json, re

    @scope(name="helpers")
    def now():
        import datetime as dt
        from os.path import join
        return dt.datetime.now(), join

    @closure(image="python:3.11", scope="helpers")
    def go(helpers):
        import numpy as np
        import numpy
        import json
        import os; count = 1
        message = "import sys  # a string, not an import"
        # import this is a comment
        if count:
            import csv
        try:
            import tomllib
        except ImportError:
            tomllib = None
        with open(os.devnull) as f:
            import io

        def inner():
            import string
            return string

        class Local:
            import struct

        print(helpers.load("/a/b"), helpers.now(), message, np, numpy, json, csv, io, inner, Local)
