from flowc.dsl import *


class Crlf(Workflow):
    entrypoint = "go"

    @closure(image="python:3.11")
    def go():
    	import sys
    	if sys:
    		print("tabs and crlf")
